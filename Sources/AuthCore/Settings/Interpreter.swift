import Foundation

/// Runs the statements of settings modules symbolically: names are bound to `PythonValue`s,
/// project imports are followed, branches are merged, and every step is counted against
/// `limits.maxEvaluationSteps`. Internal engine behind `SettingsReader`.
final class Interpreter {
    /// The module whose statements are running.
    struct Frame {
        let module: String
        let isPackage: Bool
        let file: URL?
        let displayPath: String
    }

    /// How a block of statements ended.
    enum Flow: Equatable {
        case normal
        case raised(Raise)
        case breakLoop
        case continueLoop
    }

    struct Raise: Equatable {
        enum Kind: Equatable {
            case importError(module: String)
            /// The class names a handler may name to catch it (empty when unknown).
            case exception([String])
        }

        var kind: Kind
        var location: SourceLocation
        /// True when it comes from an unset environment variable: with another environment the
        /// statement would succeed.
        var dependsOnEnvironment = false
    }

    struct ModuleFile {
        let url: URL?
        let isPackage: Bool
    }

    let rootFolder: URL
    let limits: SettingsReaderLimits
    var environment: EnvironmentStore
    var diagnostics: [SettingsDiagnostic] = []
    var filesRead: [String] = []
    var layoutProblem: SettingsError?
    var steps = 0
    var exhausted = false
    /// Incremented whenever a value read from the environment is used, so a branch condition can
    /// tell whether it depended on the environment.
    var environmentReads = 0
    var modules: [String: ModuleScope] = [:]
    var importStack: [String] = []
    /// How many `try` bodies are running: inside one, a required variable that is unset makes the
    /// body raise (so the handler's settings apply, as they would at run time).
    var tryDepth = 0
    /// Set when a lookup that raises on an unset variable (`os.environ[...]`, `env(...)`,
    /// `config(...)`) found the variable unset with no default.
    var missingRequiredVariable: Raise?
    /// django-environ `Env(NAME=(cast, default))` schemes.
    var environSchemes: [String: (cast: EnvironmentReference.Cast, defaultValue: PythonValue?)] = [:]

    init(rootFolder: URL, environment: EnvironmentStore, limits: SettingsReaderLimits) {
        self.rootFolder = rootFolder.standardizedFileURL
        self.environment = environment
        self.limits = limits
    }

    // MARK: - Bookkeeping

    func report(_ severity: SettingsDiagnostic.Severity, _ problem: SettingsError) {
        let diagnostic = SettingsDiagnostic(severity, problem)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    /// Counts work; false once the budget is spent (reported once).
    @discardableResult
    func tick(_ cost: Int = 1, at location: SourceLocation) -> Bool {
        if exhausted { return false }
        steps += cost
        if steps > limits.maxEvaluationSteps {
            exhausted = true
            report(.error, .evaluationLimitReached(location, limit: limits.maxEvaluationSteps))
            return false
        }
        return true
    }

    /// Charges the linear scans (lookups, membership) done over a container.
    func chargeScan(of value: PythonValue, at location: SourceLocation) {
        switch value.resolved {
        case .list(let items)?, .tuple(let items)?, .set(let items)?: tick(items.count / 8, at: location)
        case .dict(let entries)?: tick(entries.count / 8, at: location)
        case .string(let text)?: tick(text.utf8.count / 64, at: location)
        default: break
        }
    }

    func displayPath(_ url: URL) -> String { SourceFile.displayPath(of: url, relativeTo: rootFolder) }

    /// Replaces values that are too deep or too large by a dynamic value; charges the work.
    func bounded(_ value: PythonValue, at location: SourceLocation) -> PythonValue {
        var nodes = 0
        var tooDeep = false
        func walk(_ v: PythonValue, _ depth: Int) {
            nodes += 1
            if nodes > limits.maxValueElements || tooDeep { return }
            if depth > limits.maxValueDepth { tooDeep = true; return }
            switch v {
            case .list(let items), .tuple(let items), .set(let items):
                for item in items { walk(item, depth + 1); if nodes > limits.maxValueElements || tooDeep { return } }
            case .dict(let entries):
                for entry in entries {
                    walk(entry.key, depth + 1)
                    walk(entry.value, depth + 1)
                    if nodes > limits.maxValueElements || tooDeep { return }
                }
            case .env(let reference):
                if let d = reference.defaultValue { walk(d, depth + 1) }
                if let r = reference.resolvedValue { walk(r, depth + 1) }
            case .string(let text):
                nodes += text.utf8.count / 256
            default:
                break
            }
        }
        walk(value, 0)
        tick(nodes, at: location)
        if tooDeep { return .dynamic(DynamicValue(reason: "value nested more than \(limits.maxValueDepth) levels deep", location: location)) }
        if nodes > limits.maxValueElements {
            return .dynamic(DynamicValue(reason: "value with more than \(limits.maxValueElements) elements", location: location))
        }
        return value
    }

    // MARK: - Modules

    /// The file of a dotted module name inside the project, if any.
    func locateModule(_ name: String) -> ModuleFile? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy(Self.isIdentifier) else { return nil }
        var base = rootFolder
        for part in parts { base.appendPathComponent(part) }
        let moduleFile = base.appendingPathExtension("py")
        if SourceFile.isFile(moduleFile) { return ModuleFile(url: moduleFile, isPackage: false) }
        let initFile = base.appendingPathComponent("__init__.py")
        if SourceFile.isFile(initFile) { return ModuleFile(url: initFile, isPackage: true) }
        if SourceFile.isFolder(base) { return ModuleFile(url: nil, isPackage: true) }  // namespace package
        return nil
    }

    /// True when the first component of `name` is a module or package of the project.
    func isProjectModuleName(_ name: String) -> Bool {
        guard let first = name.split(separator: ".").first else { return false }
        return locateModule(String(first)) != nil
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    enum LoadOutcome {
        case loaded(ModuleScope)
        case missing
        case skipped
    }

    func loadModule(_ name: String, requestedAt location: SourceLocation) -> LoadOutcome {
        if let cached = modules[name] { return .loaded(cached) }
        if let index = importStack.firstIndex(of: name) {
            report(.warning, .importCycle(location, modules: Array(importStack[index...]) + [name]))
            return .skipped
        }
        guard let file = locateModule(name) else { return .missing }
        guard modules.count < limits.maxModules else {
            report(.warning, .moduleLimitReached(location, limit: limits.maxModules))
            return .skipped
        }
        return .loaded(evaluate(file: file, module: name))
    }

    /// Reads, parses and runs one module file; problems become diagnostics.
    func evaluate(file: ModuleFile, module name: String) -> ModuleScope {
        var scope = ModuleScope()
        guard let url = file.url else {
            modules[name] = scope
            return scope
        }
        let display = displayPath(url)
        filesRead.append(display)
        let bytes: [UInt8]
        switch SourceFile.load(url, displayPath: display, maxBytes: limits.maxFileBytes) {
        case .success(let loaded): bytes = loaded
        case .failure(let error):
            report(.error, error)
            modules[name] = scope
            return scope
        }
        let parsed = PythonParser.parseOnCurrentThread(bytes: bytes, file: display, limits: limits)
        for diagnostic in parsed.diagnostics { report(diagnostic.severity, diagnostic.problem) }
        importStack.append(name)
        let frame = Frame(module: name, isPackage: file.isPackage, file: url, displayPath: display)
        executeModule(parsed.statements, in: &scope, frame: frame)
        importStack.removeLast()
        modules[name] = scope
        return scope
    }

    /// Module level: an exception that nothing catches is reported, and reading goes on with the
    /// next statement so that one failing line does not hide the settings after it.
    func executeModule(_ statements: [PythonStatement], in scope: inout ModuleScope, frame: Frame) {
        for statement in statements {
            if exhausted { return }
            if case .raised(let raise) = execute(statement, in: &scope, frame: frame) {
                reportUncaught(raise)
            }
        }
    }

    func reportUncaught(_ raise: Raise) {
        switch raise.kind {
        case .importError(let module):
            report(.warning, .missingModule(raise.location, module: module))
        case .exception:
            report(.note, .runtimeFailure(raise.location,
                                          detail: "raises an exception with the files and environment given (Django would stop here); reading continues after it"))
        }
    }
}
