import Foundation

/// Where the project mounts `allauth.urls`, read statically from `ROOT_URLCONF` and the project
/// URLconf modules it includes. Nothing is imported or run.
public struct AllauthURLInfo: Equatable, Sendable {
    public enum State: String, Equatable, Sendable {
        /// `include("allauth.urls")` was found under a prefix.
        case found
        /// The URLconf files were read and none includes `allauth.urls`.
        case notFound = "not-found"
        /// The URLconf could not be read (no ROOT_URLCONF, file missing, unreadable).
        case unknown
    }

    /// How a namespace was given: `include("allauth.urls", namespace=...)` (Django refuses it when
    /// the URLconf loads) or `include(("allauth.urls", "app"), ...)` (loads, but allauth's own
    /// `reverse()` calls use no namespace, so none of its URLs resolve).
    public enum NamespaceForm: String, Equatable, Sendable {
        case keyword
        case tuple
    }

    public var state: State
    /// The include prefix with a leading slash, as Django joins it (`/accounts/`, `/api/auth/`).
    /// `/accounts/` when not found or unknown (see `notes`).
    public var prefix: String
    /// Why the prefix is not known exactly (regular expression, path converter, i18n_patterns).
    public var prefixDynamicReason: String?
    public var namespace: String?
    public var namespaceForm: NamespaceForm?
    /// Where the include is.
    public var location: SourceLocation?
    public var rootURLConf: String?
    /// For people: how the prefix was decided, defaults applied, unusual constructs met.
    public var notes: [String]
    /// The project builds its own allauth URL list with `build_provider_urlpatterns`.
    public var buildsProviderURLPatterns: Bool
    /// The include sits inside `i18n_patterns(...)`: URLs start with a language code.
    public var underI18nPatterns: Bool
    /// URLconf files read, as display paths.
    public var filesRead: [String]

    public static let defaultPrefix = "/accounts/"

    /// True when allauth can reverse its URL names: found, without a namespace.
    public var urlsResolve: Bool { state == .found && namespace == nil && namespaceForm == nil }
}

public enum AllauthURLs {
    static let maxIncludeDepth = 8
    static let maxFiles = 60

    /// Reads `ROOT_URLCONF` from the settings and follows it.
    public static func locate(settings: DjangoSettings) -> AllauthURLInfo {
        guard let setting = settings.value(of: "ROOT_URLCONF") else {
            return unknown(rootURLConf: nil, note: "ROOT_URLCONF is not set in the settings, so the allauth URL prefix is assumed to be \(AllauthURLInfo.defaultPrefix)")
        }
        guard let module = setting.value.stringValue else {
            return unknown(rootURLConf: nil, note: "ROOT_URLCONF (\(setting.location)) is not a plain string, so the allauth URL prefix is assumed to be \(AllauthURLInfo.defaultPrefix)")
        }
        return locate(rootFolder: settings.rootFolder, rootURLConf: module)
    }

    /// Follows the URLconf module `rootURLConf`, found under `rootFolder`.
    public static func locate(rootFolder: URL, rootURLConf: String, limits: SettingsReaderLimits = .standard) -> AllauthURLInfo {
        LargeStack.run {
            let walker = URLConfWalker(root: rootFolder.standardizedFileURL, limits: limits)
            guard walker.walkModule(rootURLConf, prefix: RoutePrefix(), depth: 0, i18n: false) else {
                var info = unknown(rootURLConf: rootURLConf, note: "ROOT_URLCONF \(SettingsError.printable(rootURLConf)) was not found in the project (looked for \(SettingsReader.candidatePaths(for: rootURLConf).joined(separator: " and "))), so the allauth URL prefix is assumed to be \(AllauthURLInfo.defaultPrefix)")
                info.notes += walker.notes
                return info
            }
            return walker.result(rootURLConf: rootURLConf)
        }
    }

    static func unknown(rootURLConf: String?, note: String) -> AllauthURLInfo {
        AllauthURLInfo(state: .unknown, prefix: AllauthURLInfo.defaultPrefix, prefixDynamicReason: nil, namespace: nil,
                       namespaceForm: nil, location: nil, rootURLConf: rootURLConf, notes: [note],
                       buildsProviderURLPatterns: false, underI18nPatterns: false, filesRead: [])
    }
}

/// A route prefix as Django joins it: the routes' text concatenated, plus why it may differ at run time.
struct RoutePrefix: Equatable {
    var text = ""
    var dynamicReason: String?

    func appending(_ route: String, dynamic reason: String?) -> RoutePrefix {
        RoutePrefix(text: text + route, dynamicReason: dynamicReason ?? reason)
    }
}

private struct AllauthInclude {
    var prefix: RoutePrefix
    var namespace: String?
    var form: AllauthURLInfo.NamespaceForm?
    var location: SourceLocation
    var i18n: Bool
}

/// Walks URLconf modules: every statement that builds `urlpatterns` (or, in a module without it,
/// every statement), every expression inside, following `include()` into project modules.
private final class URLConfWalker {
    let root: URL
    let limits: SettingsReaderLimits
    var filesRead: [String] = []
    var notes: [String] = []
    var found: [AllauthInclude] = []
    var buildsProviderURLPatterns = false
    private var visiting: [String] = []
    private var noted: Set<String> = []

    init(root: URL, limits: SettingsReaderLimits) {
        self.root = root
        self.limits = limits
    }

    func note(_ text: String) {
        if noted.insert(text).inserted { notes.append(text) }
    }

    func result(rootURLConf: String) -> AllauthURLInfo {
        // Django's reverse() picks the last of several includes (checked with Django 5.2).
        guard let first = found.last else {
            var notes = self.notes
            let state: AllauthURLInfo.State = .notFound
            if buildsProviderURLPatterns {
                notes.append("allauth.urls is not included; the project builds provider URLs with build_provider_urlpatterns, so the prefix is assumed to be \(AllauthURLInfo.defaultPrefix)")
            } else {
                notes.append("allauth.urls is not included in \(rootURLConf) or the project URLconfs it includes, so no allauth URL resolves; \(AllauthURLInfo.defaultPrefix) is shown as the usual prefix")
            }
            return AllauthURLInfo(state: state, prefix: AllauthURLInfo.defaultPrefix, prefixDynamicReason: nil, namespace: nil,
                                  namespaceForm: nil, location: nil, rootURLConf: rootURLConf, notes: notes,
                                  buildsProviderURLPatterns: buildsProviderURLPatterns, underI18nPatterns: false, filesRead: filesRead)
        }
        var notes = self.notes
        let prefix = "/" + first.prefix.text
        notes.insert("allauth.urls is included at \(SettingsError.printable(prefix)) (\(first.location))", at: 0)
        if found.count > 1 {
            notes.append("allauth.urls is included \(found.count) times (\(found.map { $0.location.description }.joined(separator: ", "))); Django reverses allauth's URLs to the last one")
        }
        if let reason = first.prefix.dynamicReason {
            notes.append("the prefix may differ at run time: \(reason)")
        }
        return AllauthURLInfo(state: .found, prefix: prefix, prefixDynamicReason: first.prefix.dynamicReason, namespace: first.namespace,
                              namespaceForm: first.form, location: first.location, rootURLConf: rootURLConf, notes: notes,
                              buildsProviderURLPatterns: buildsProviderURLPatterns, underI18nPatterns: first.i18n, filesRead: filesRead)
    }

    // MARK: Modules

    /// False when the module is not a file of the project.
    @discardableResult
    func walkModule(_ module: String, prefix: RoutePrefix, depth: Int, i18n: Bool) -> Bool {
        let parts = module.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy(Interpreter.isIdentifier) else { return false }
        let base = parts.reduce(root) { $0.appendingPathComponent($1) }
        let candidates = [base.appendingPathExtension("py"), base.appendingPathComponent("__init__.py")]
        guard let url = candidates.first(where: SourceFile.isFile) else { return false }
        let display = SourceFile.displayPath(of: url, relativeTo: root)
        if visiting.contains(module) {
            note("URLconf include cycle \((visiting + [module]).joined(separator: " -> ")) skipped")
            return true
        }
        guard depth <= AllauthURLs.maxIncludeDepth, filesRead.count < AllauthURLs.maxFiles else {
            note("URLconf includes nested too deep at \(display); not followed further")
            return true
        }
        let bytes: [UInt8]
        switch SourceFile.load(url, displayPath: display, maxBytes: limits.maxFileBytes) {
        case .success(let loaded): bytes = loaded
        case .failure(let error):
            note(error.message)
            return true
        }
        filesRead.append(display)
        let parsed = PythonParser.parse(bytes: bytes, file: display, limits: limits)
        for diagnostic in parsed.diagnostics where diagnostic.severity == .error {
            note(diagnostic.message)
        }
        visiting.append(module)
        defer { visiting.removeLast() }
        let isPackage = url.lastPathComponent == "__init__.py"
        var scope = ModuleNames(module: module, isPackage: isPackage)
        scope.collect(parsed.statements)
        let context = Context(scope: scope, depth: depth, i18n: i18n)
        let builders = parsed.statements.filter { buildsURLPatterns($0) }
        walk(builders.isEmpty ? parsed.statements : builders, prefix: prefix, context: context, onlyURLPatterns: !builders.isEmpty)
        return true
    }

    struct Context {
        var scope: ModuleNames
        var depth: Int
        var i18n: Bool
        var namesFollowed: Set<String> = []
    }

    /// Does the statement (or a block inside it) bind or change `urlpatterns`?
    func buildsURLPatterns(_ statement: PythonStatement) -> Bool {
        switch statement.kind {
        case .assignment(let targets, _):
            return targets.contains { Self.isURLPatterns($0) }
        case .annotatedAssignment(let target, _), .augmentedAssignment(let target, _, _):
            return Self.isURLPatterns(target)
        case .expression(let e):
            if case .call(let callee, _) = e.kind, case .attribute(let base, _) = callee.kind { return Self.isURLPatterns(base) }
            return false
        case .ifChain(let branches, let orElse):
            return (branches.flatMap(\.body) + (orElse ?? [])).contains(where: buildsURLPatterns)
        case .tryBlock(let body, let handlers, let orElse, let finally):
            return (body + handlers.flatMap(\.body) + orElse + finally).contains(where: buildsURLPatterns)
        case .with(_, let body), .forLoop(_, _, let body, _):
            return body.contains(where: buildsURLPatterns)
        default:
            return false
        }
    }

    static func isURLPatterns(_ e: PythonExpression) -> Bool {
        if case .name("urlpatterns") = e.kind { return true }
        return false
    }

    func walk(_ statements: [PythonStatement], prefix: RoutePrefix, context: Context, onlyURLPatterns: Bool) {
        for statement in statements {
            switch statement.kind {
            case .assignment(let targets, let value):
                if !onlyURLPatterns || targets.contains(where: Self.isURLPatterns) { visit(value, prefix: prefix, context: context) }
            case .annotatedAssignment(let target, let value):
                if let value, !onlyURLPatterns || Self.isURLPatterns(target) { visit(value, prefix: prefix, context: context) }
            case .augmentedAssignment(let target, _, let value):
                if !onlyURLPatterns || Self.isURLPatterns(target) { visit(value, prefix: prefix, context: context) }
            case .expression(let e):
                if !onlyURLPatterns || buildsURLPatterns(statement) { visit(e, prefix: prefix, context: context) }
            case .ifChain(let branches, let orElse):
                for branch in branches { walk(branch.body, prefix: prefix, context: context, onlyURLPatterns: onlyURLPatterns) }
                if let orElse { walk(orElse, prefix: prefix, context: context, onlyURLPatterns: onlyURLPatterns) }
            case .tryBlock(let body, let handlers, let orElse, let finally):
                walk(body + handlers.flatMap(\.body) + orElse + finally, prefix: prefix, context: context, onlyURLPatterns: onlyURLPatterns)
            case .with(_, let body), .forLoop(_, _, let body, _):
                walk(body, prefix: prefix, context: context, onlyURLPatterns: onlyURLPatterns)
            default:
                continue
            }
        }
    }

    // MARK: Expressions

    static func calleeName(_ e: PythonExpression) -> String? {
        switch e.kind {
        case .name(let n): return n
        case .attribute(_, let n): return n
        default: return nil
        }
    }

    func visit(_ e: PythonExpression, prefix: RoutePrefix, context: Context) {
        switch e.kind {
        case .call(let callee, let arguments):
            let name = Self.calleeName(callee)
            let positional = arguments.filter { $0.kind == .positional }.map(\.value)
            switch name {
            case "path", "re_path", "url":
                guard positional.count >= 2 else { return }
                let route = routeText(positional[0], regex: name != "path", context: context)
                let inner = prefix.appending(route.text, dynamic: route.dynamic)
                visitView(positional[1], prefix: inner, context: context)
                for argument in arguments where argument.kind == .keyword("view") { visitView(argument.value, prefix: inner, context: context) }
            case "include":
                handleInclude(e, arguments: arguments, prefix: prefix, context: context)
            case "i18n_patterns":
                note("URL patterns inside i18n_patterns(...) start with a language code (/en/...) unless prefix_default_language=False")
                var inner = context
                inner.i18n = true
                let localized = prefix.appending("", dynamic: "inside i18n_patterns, the URLs start with a language code such as en/")
                for argument in positional { visit(argument, prefix: localized, context: inner) }
            case "build_provider_urlpatterns":
                buildsProviderURLPatterns = true
                note("the project calls build_provider_urlpatterns (\(e.location)): provider URLs are built by the project, not by allauth.urls")
            default:
                visit(callee, prefix: prefix, context: context)
                for argument in arguments { visit(argument.value, prefix: prefix, context: context) }
            }
        case .list(let items), .tuple(let items), .set(let items):
            for item in items { visit(item, prefix: prefix, context: context) }
        case .binary(_, let left, let right):
            visit(left, prefix: prefix, context: context)
            visit(right, prefix: prefix, context: context)
        case .starred(let inner):
            visit(inner, prefix: prefix, context: context)
        case .conditional(let body, _, let orElse):
            visit(body, prefix: prefix, context: context)
            visit(orElse, prefix: prefix, context: context)
        case .name(let n):
            followName(n, prefix: prefix, context: context)
        default:
            return
        }
    }

    func visitView(_ view: PythonExpression, prefix: RoutePrefix, context: Context) {
        switch view.kind {
        case .call:
            visit(view, prefix: prefix, context: context)
        case .list, .tuple:
            // Django also accepts a (patterns, app_name, namespace) tuple as the view of path().
            handleIncludeTarget(view, namespace: nil, prefix: prefix, context: context, location: view.location)
        default:
            return
        }
    }

    /// A module-level name used inside urlpatterns (`urlpatterns = base + [...]`, `include(api_patterns)`).
    func followName(_ name: String, prefix: RoutePrefix, context: Context) {
        guard !context.namesFollowed.contains(name), context.namesFollowed.count < 64 else { return }
        var inner = context
        inner.namesFollowed.insert(name)
        if let expression = context.scope.assignments[name] {
            visit(expression, prefix: prefix, context: inner)
        }
    }

    func handleInclude(_ call: PythonExpression, arguments: [CallArgument], prefix: RoutePrefix, context: Context) {
        let positional = arguments.filter { $0.kind == .positional }.map(\.value)
        guard let target = positional.first ?? arguments.first(where: { $0.kind == .keyword("arg") })?.value else { return }
        var namespace: String?
        if let ns = arguments.first(where: { $0.kind == .keyword("namespace") })?.value ?? (positional.count > 1 ? positional[1] : nil) {
            namespace = stringConstant(ns, context: context) ?? "<dynamic>"
        }
        handleIncludeTarget(target, namespace: namespace, prefix: prefix, context: context, location: call.location)
    }

    func handleIncludeTarget(_ target: PythonExpression, namespace: String?, prefix: RoutePrefix, context: Context, location: SourceLocation) {
        switch target.kind {
        case .tuple(let items), .list(let items):
            guard let first = items.first else { return }
            if let module = stringConstant(first, context: context) ?? moduleReference(first, context: context) {
                let appName = items.count > 1 ? stringConstant(items[1], context: context) : nil
                if module == "allauth.urls" {
                    found.append(AllauthInclude(prefix: prefix, namespace: namespace ?? appName ?? "<dynamic>", form: .tuple,
                                                location: location, i18n: context.i18n))
                } else {
                    includeModule(module, prefix: prefix, context: context, location: location)
                }
            } else {
                visit(first, prefix: prefix, context: context)
            }
        default:
            if let module = stringConstant(target, context: context) ?? moduleReference(target, context: context) {
                if module == "allauth.urls" {
                    found.append(AllauthInclude(prefix: prefix, namespace: namespace, form: namespace == nil ? nil : .keyword,
                                                location: location, i18n: context.i18n))
                } else {
                    includeModule(module, prefix: prefix, context: context, location: location)
                }
            } else {
                visit(target, prefix: prefix, context: context)
            }
        }
    }

    func includeModule(_ module: String, prefix: RoutePrefix, context: Context, location: SourceLocation) {
        if module.hasPrefix("allauth.") {
            note("\(location) includes \(SettingsError.printable(module)) directly rather than allauth.urls")
            return
        }
        if !walkModule(module, prefix: prefix, depth: context.depth + 1, i18n: context.i18n) {
            // Third-party URLconfs (django.contrib.*, rest_framework.urls, ...) are outside the project.
            return
        }
    }

    /// The dotted module a name stands for when it was imported (`from shop import api_urls`).
    func moduleReference(_ e: PythonExpression, context: Context) -> String? {
        if case .name(let n) = e.kind { return context.scope.importedModules[n] }
        if case .attribute = e.kind {
            let dotted = Interpreter.dottedText(e)
            if let head = dotted.split(separator: ".").first, let module = context.scope.importedModules[String(head)] {
                return module + dotted.dropFirst(head.count)
            }
        }
        return nil
    }

    func stringConstant(_ e: PythonExpression, context: Context) -> String? {
        switch e.kind {
        case .string(let s, false): return s
        case .name(let n):
            if let bound = context.scope.assignments[n], case .string(let s, false) = bound.kind { return s }
            return nil
        default: return nil
        }
    }

    /// The text a route adds to the prefix, and why it may not be exact.
    func routeText(_ e: PythonExpression, regex: Bool, context: Context) -> (text: String, dynamic: String?) {
        guard let raw = stringConstant(e, context: context) else {
            return ("", "the route at \(e.location) is built at run time")
        }
        guard regex else {
            return raw.contains("<") ? (raw, "path converter in route \(SettingsError.printable(raw)) (\(e.location))") : (raw, nil)
        }
        var text = Substring(raw)
        if text.hasPrefix("^") { text = text.dropFirst() }
        if text.hasSuffix("$") && !text.hasSuffix("\\$") { text = text.dropLast() }
        // Escaped characters that are literal in the URL.
        var literal = ""
        var escaped = false
        var isRegex = false
        for ch in text {
            if escaped {
                if "./-_".contains(ch) { literal.append(ch) } else { isRegex = true; literal.append(ch) }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if "()[]{}*+?|^$.".contains(ch) {
                isRegex = true
                literal.append(ch)
            } else {
                literal.append(ch)
            }
        }
        return (literal, isRegex ? "regular expression in re_path route \(SettingsError.printable(raw)) (\(e.location))" : nil)
    }
}

/// Module-level names of a URLconf: plain assignments (last wins) and imported modules.
private struct ModuleNames {
    let module: String
    let isPackage: Bool
    var assignments: [String: PythonExpression] = [:]
    var importedModules: [String: String] = [:]

    init(module: String, isPackage: Bool) {
        self.module = module
        self.isPackage = isPackage
    }

    mutating func collect(_ statements: [PythonStatement]) {
        for statement in statements {
            switch statement.kind {
            case .assignment(let targets, let value):
                for target in targets { if case .name(let n) = target.kind { assignments[n] = value } }
            case .annotatedAssignment(let target, let value?):
                if case .name(let n) = target.kind { assignments[n] = value }
            case .importModules(let modules):
                for m in modules {
                    if let alias = m.alias { importedModules[alias] = m.module } else if let head = m.module.split(separator: ".").first {
                        importedModules[String(head)] = String(head)
                    }
                }
            case .importFrom(let from, let level, .names(let names)):
                guard let base = absolute(from, level: level) else { continue }
                for n in names { importedModules[n.alias ?? n.name] = base.isEmpty ? n.name : base + "." + n.name }
            case .ifChain(let branches, let orElse):
                collect(branches.flatMap(\.body) + (orElse ?? []))
            case .tryBlock(let body, let handlers, let orElse, let finally):
                collect(body + handlers.flatMap(\.body) + orElse + finally)
            default:
                continue
            }
        }
    }

    /// `from . import x` inside `shop.urls` means `shop.x`.
    func absolute(_ from: String, level: Int) -> String? {
        guard level > 0 else { return from }
        var package = module.split(separator: ".").map(String.init)
        if !isPackage { package.removeLast() }
        guard level - 1 <= package.count else { return nil }
        package.removeLast(level - 1)
        let base = package.joined(separator: ".")
        if from.isEmpty { return base }
        return base.isEmpty ? from : base + "." + from
    }
}
