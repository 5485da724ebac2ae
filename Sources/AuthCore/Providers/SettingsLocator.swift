import Foundation

/// Finds file:line for the parts of `SOCIALACCOUNT_PROVIDERS` (each provider key, each app) and
/// the condition an app depends on, by walking the settings files in the order Python runs them
/// (star imports followed where they appear). Best effort: a place not found falls back to the
/// setting's own location.
struct SettingsLocator {
    struct AppPlace {
        var location: SourceLocation
        /// "depends on $X" when the app is added inside an `if` or `try`.
        var condition: String?
    }

    private(set) var providerPlaces: [String: SourceLocation] = [:]
    /// Per provider key and form (APP, APPS, SERVERS): the app dicts in order.
    private(set) var appPlaces: [String: [String: [AppPlace]]] = [:]

    static let name = "SOCIALACCOUNT_PROVIDERS"

    init(settings: DjangoSettings, limits: SettingsReaderLimits = .standard) {
        var walker = Walker(root: settings.rootFolder, files: Set(settings.filesRead), limits: limits)
        LargeStack.run {
            walker.walkFile(settings.settingsFileDisplayPath)
            return ()
        }
        providerPlaces = walker.providerPlaces
        appPlaces = walker.appPlaces
    }

    func providerLocation(_ key: String) -> String? { providerPlaces[key]?.description }

    func appLocation(_ key: String, form: String, index: Int) -> String? {
        guard let places = appPlaces[key]?[form], index < places.count else { return nil }
        return places[index].location.description
    }

    func appCondition(_ key: String, form: String, index: Int) -> String? {
        guard let places = appPlaces[key]?[form], index < places.count else { return nil }
        return places[index].condition
    }

    private struct Walker {
        let root: URL
        let files: Set<String>
        let limits: SettingsReaderLimits
        var walked: Set<String> = []
        var providerPlaces: [String: SourceLocation] = [:]
        var appPlaces: [String: [String: [AppPlace]]] = [:]
        var conditions: [String] = []

        init(root: URL, files: Set<String>, limits: SettingsReaderLimits) {
            self.root = root
            self.files = files
            self.limits = limits
        }

        mutating func walkFile(_ display: String) {
            guard files.contains(display), walked.insert(display).inserted, walked.count <= limits.maxModules else { return }
            let url = display.hasPrefix("/") ? URL(fileURLWithPath: display) : root.appendingPathComponent(display)
            guard case .success(let bytes) = SourceFile.load(url, displayPath: display, maxBytes: limits.maxFileBytes) else { return }
            let module = PythonParser.parse(bytes: bytes, file: display, limits: limits)
            walk(module.statements, file: display)
        }

        /// The display path of a project module imported from `file`.
        func importedFile(_ module: String, level: Int, from file: String) -> String? {
            var package = file.split(separator: "/").map(String.init)
            guard !package.isEmpty else { return nil }
            let isPackage = package.last == "__init__.py"
            package.removeLast()
            var parts: [String]
            if level > 0 {
                guard level - 1 <= package.count else { return nil }
                parts = Array(package.dropLast(level - 1))
                if isPackage && level == 1 { parts = package }
                parts += module.split(separator: ".").map(String.init)
            } else {
                parts = module.split(separator: ".").map(String.init)
            }
            let base = parts.joined(separator: "/")
            for candidate in [base + ".py", base + "/__init__.py"] where files.contains(candidate) { return candidate }
            return nil
        }

        mutating func walk(_ statements: [PythonStatement], file: String) {
            for statement in statements {
                switch statement.kind {
                case .importFrom(let module, let level, _):
                    if let target = importedFile(module, level: level, from: file) { walkFile(target) }
                case .assignment(let targets, let value):
                    for target in targets { assign(target, value: value, at: statement.location) }
                case .augmentedAssignment(let target, _, let value):
                    assign(target, value: value, at: statement.location)
                case .expression(let e):
                    call(e)
                case .ifChain(let branches, let orElse):
                    for branch in branches {
                        conditions.append(Self.describeCondition(branch.test))
                        walk(branch.body, file: file)
                        conditions.removeLast()
                    }
                    if let orElse {
                        conditions.append(branches.map { Self.describeCondition($0.test) }.joined(separator: ", "))
                        walk(orElse, file: file)
                        conditions.removeLast()
                    }
                case .tryBlock(let body, let handlers, let orElse, let finally):
                    conditions.append("whether the try block at \(statement.location) succeeds")
                    walk(body + handlers.flatMap(\.body) + orElse, file: file)
                    conditions.removeLast()
                    walk(finally, file: file)
                case .with(_, let body):
                    walk(body, file: file)
                default:
                    continue
                }
            }
        }

        var currentCondition: String? {
            let parts = conditions.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : "depends on " + parts.joined(separator: " and ")
        }

        /// `SOCIALACCOUNT_PROVIDERS["p"]["APPS"]` → ["p", "APPS"]; nil when not rooted at the setting.
        static func path(_ e: PythonExpression) -> [String]? {
            switch e.kind {
            case .name(SettingsLocator.name): return []
            case .subscript(let base, let key):
                guard var p = path(base), case .string(let k, false) = key.kind else { return nil }
                p.append(k)
                return p
            default: return nil
            }
        }

        mutating func assign(_ target: PythonExpression, value: PythonExpression, at location: SourceLocation) {
            guard let p = Self.path(target) else { return }
            place(path: p, value: value, at: location)
        }

        mutating func place(path p: [String], value: PythonExpression, at location: SourceLocation) {
            switch p.count {
            case 0:
                guard case .dict(let items) = value.kind else { return }
                for case .pair(let key, let inner) in items {
                    if case .string(let k, false) = key.kind { place(path: [k], value: inner, at: key.location) }
                }
            case 1:
                providerPlaces[p[0]] = location
                guard case .dict(let items) = value.kind else { return }
                for case .pair(let key, let inner) in items {
                    if case .string(let k, false) = key.kind, ["APP", "APPS", "SERVERS"].contains(k) { place(path: p + [k], value: inner, at: key.location) }
                }
            case 2 where p[1] == "APP":
                appPlaces[p[0], default: [:]]["APP"] = [AppPlace(location: value.location, condition: currentCondition)]
            case 2 where p[1] == "APPS" || p[1] == "SERVERS":
                var list: [AppPlace] = []
                if case .list(let items) = value.kind { list = items.map { AppPlace(location: $0.location, condition: currentCondition) } }
                if case .tuple(let items) = value.kind { list = items.map { AppPlace(location: $0.location, condition: currentCondition) } }
                appPlaces[p[0], default: [:]][p[1]] = list
            default:
                return
            }
        }

        mutating func call(_ e: PythonExpression) {
            guard case .call(let callee, let arguments) = e.kind, case .attribute(let base, let method) = callee.kind,
                  let p = Self.path(base), let first = arguments.first?.value else { return }
            switch (p.count, method) {
            case (0, "update"), (1, "update"):
                if case .dict = first.kind { place(path: p, value: first, at: e.location) }
                if p.count == 1, providerPlaces[p[0]] == nil { providerPlaces[p[0]] = e.location }
            case (0, "setdefault"):
                if case .string(let k, false) = first.kind, arguments.count > 1 { place(path: [k], value: arguments[1].value, at: e.location) }
            case (2, "append") where p[1] == "APPS" || p[1] == "SERVERS":
                appPlaces[p[0], default: [:]][p[1], default: []].append(AppPlace(location: first.location, condition: currentCondition))
            case (2, "extend") where p[1] == "APPS" || p[1] == "SERVERS":
                if case .list(let items) = first.kind {
                    appPlaces[p[0], default: [:]][p[1], default: []] += items.map { AppPlace(location: $0.location, condition: currentCondition) }
                }
            default:
                return
            }
        }

        /// "$PARTNER_IDP_CLIENT_ID", "DEBUG", or the test's line when nothing simpler fits.
        static func describeCondition(_ test: PythonExpression) -> String {
            var variables: [String] = []
            var names: [String] = []
            collect(test, variables: &variables, names: &names, depth: 0)
            let parts = variables.map { "$" + $0 } + names
            var unique: [String] = []
            for part in parts where !unique.contains(part) { unique.append(part) }
            if unique.isEmpty { return "the condition at \(test.location)" }
            return unique.prefix(4).joined(separator: ", ")
        }

        static func collect(_ e: PythonExpression, variables: inout [String], names: inout [String], depth: Int) {
            guard depth < 50 else { return }
            switch e.kind {
            case .call(let callee, let arguments):
                let dotted = Interpreter.dottedText(callee)
                let last = dotted.split(separator: ".").last.map(String.init) ?? dotted
                let isEnvironmentLookup = ["getenv", "get", "env", "config", "str", "bool", "int", "list"].contains(last)
                    && (dotted.contains("environ") || dotted.hasPrefix("os.") || dotted.hasPrefix("env") || dotted == "config" || dotted == "getenv")
                if isEnvironmentLookup, let first = arguments.first, case .string(let name, false) = first.value.kind {
                    variables.append(name)
                } else {
                    for argument in arguments { collect(argument.value, variables: &variables, names: &names, depth: depth + 1) }
                }
            case .subscript(let base, let key):
                if Interpreter.dottedText(base).hasSuffix("environ"), case .string(let name, false) = key.kind {
                    variables.append(name)
                } else {
                    collect(base, variables: &variables, names: &names, depth: depth + 1)
                }
            case .comparison(let left, let steps):
                if case .string(let name, false) = left.kind, steps.contains(where: { Interpreter.dottedText($0.right).hasSuffix("environ") }) {
                    variables.append(name)
                    return
                }
                collect(left, variables: &variables, names: &names, depth: depth + 1)
                for step in steps { collect(step.right, variables: &variables, names: &names, depth: depth + 1) }
            case .logical(_, let a, let b), .binary(_, let a, let b):
                collect(a, variables: &variables, names: &names, depth: depth + 1)
                collect(b, variables: &variables, names: &names, depth: depth + 1)
            case .unary(_, let a):
                collect(a, variables: &variables, names: &names, depth: depth + 1)
            case .name(let n):
                if !["os", "True", "False", "None"].contains(n) { names.append(n) }
            default:
                return
            }
        }
    }
}

/// Which settings apps exist only in some outcomes of a conditional `SOCIALACCOUNT_PROVIDERS`.
struct ConditionalApps {
    let setting: SettingValue
    let locator: SettingsLocator?

    /// nil when the app is there whatever the condition; else "depends on ...".
    func reason(forKey key: String, app: AppCandidate) -> String? {
        guard setting.isConditional else { return nil }
        let form: String
        let index: Int
        switch app.origin {
        case .settings(let f), .providersJSON(let f):
            if let open = f.firstIndex(of: "["), let i = Int(f[f.index(after: open)...].dropLast()) {
                form = String(f[..<open])
                index = i
            } else {
                form = f
                index = 0
            }
        case .database:
            return nil
        }
        let signature = Self.signature(providerID: app.providerID, name: app.name)
        let inAllVariants = !setting.variants.isEmpty && setting.variants.allSatisfy { variant in
            Self.signatures(in: variant, key: key).contains(signature)
        }
        if inAllVariants { return nil }
        return locator?.appCondition(key, form: form, index: index)
            ?? "depends on a condition in the settings (\(setting.location))"
    }

    static func signature(providerID: String, name: String) -> String { providerID + "\u{1}" + name }

    static func signatures(in value: PythonValue, key: String) -> [String] {
        guard let provider = value[key] else { return [] }
        var apps: [PythonValue] = []
        if let list = provider["APPS"] ?? provider["SERVERS"] { apps = ProviderSettingsReader.items(list) } else if let app = provider["APP"] { apps = [app] }
        return apps.map { app in
            signature(providerID: app["provider_id"]?.stringValue ?? app["id"]?.stringValue ?? "", name: app["name"]?.stringValue ?? "")
        }
    }
}
