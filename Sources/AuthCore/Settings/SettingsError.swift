/// Everything that can go wrong while locating, reading and interpreting Django settings.
/// Thrown by `DjangoProject.locate` and `DjangoSettings.databaseLocation`, and carried by
/// `SettingsDiagnostic`s. Messages name files and lines, never values (they may be secrets).
public enum SettingsError: Error, UserFacingError, Equatable, Sendable {
    // Locating the project.
    case manageFileNotFound(searchedFrom: String)
    case ambiguousManageFiles(candidates: [String])
    case settingsModuleNotDeclared(manageFile: String)
    case invalidSettingsModuleName(String)
    case settingsModuleNotFound(module: String, searched: [String])

    // Reading a file.
    case unreadableFile(path: String, reason: String)
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    case notText(path: String, reason: String)

    // Parsing.
    case syntaxError(SourceLocation, detail: String)
    case nestingTooDeep(SourceLocation, limit: Int)

    // Evaluating.
    case importCycle(SourceLocation, modules: [String])
    case missingModule(SourceLocation, module: String)
    case optionalModuleMissing(SourceLocation, module: String)
    case moduleLimitReached(SourceLocation, limit: Int)
    case evaluationLimitReached(SourceLocation, limit: Int)
    case unsupportedLayout(SourceLocation, detail: String)
    case runtimeFailure(SourceLocation, detail: String)

    // .env files.
    case dotEnvLineIgnored(SourceLocation)

    // Finding the database.
    case databasesNotDefined(settingsFile: String)
    case databaseNotDefined(SourceLocation, alias: String)
    case databaseBuiltAtRunTime(SourceLocation, field: String, reason: String)
    case databaseEnvironmentUnset(SourceLocation, field: String, variable: String)
    case databaseEngineMissing(SourceLocation, field: String)
    case databaseEngineUnsupported(SourceLocation, field: String, engine: String)
    case sqliteNameUnusable(SourceLocation, field: String, detail: String)

    /// The place the problem was found, when it has one.
    public var location: SourceLocation? {
        switch self {
        case .syntaxError(let l, _), .nestingTooDeep(let l, _), .importCycle(let l, _),
             .missingModule(let l, _), .optionalModuleMissing(let l, _), .moduleLimitReached(let l, _),
             .evaluationLimitReached(let l, _), .unsupportedLayout(let l, _), .runtimeFailure(let l, _),
             .dotEnvLineIgnored(let l), .databaseNotDefined(let l, _), .databaseBuiltAtRunTime(let l, _, _),
             .databaseEnvironmentUnset(let l, _, _), .databaseEngineMissing(let l, _),
             .databaseEngineUnsupported(let l, _, _), .sqliteNameUnusable(let l, _, _):
            return l
        case .manageFileNotFound, .ambiguousManageFiles, .settingsModuleNotDeclared, .invalidSettingsModuleName,
             .settingsModuleNotFound, .unreadableFile, .fileTooLarge, .notText, .databasesNotDefined:
            return nil
        }
    }

    private static let databaseAdvice = "pass --db PATH or set DATABASE_URL"

    public var message: String {
        switch self {
        case .manageFileNotFound(let folder):
            return "No manage.py found in \(folder), its parent folders or its subfolders; run authconsole from your Django project folder, or pass --db PATH."
        case .ambiguousManageFiles(let candidates):
            return "Several manage.py files found (\(candidates.joined(separator: ", "))); run authconsole from the project folder you mean."
        case .settingsModuleNotDeclared(let manageFile):
            return "\(manageFile) does not set DJANGO_SETTINGS_MODULE; set the DJANGO_SETTINGS_MODULE environment variable (for example mysite.settings)."
        case .invalidSettingsModuleName(let name):
            return "DJANGO_SETTINGS_MODULE '\(Self.printable(name))' is not a Python module name; set it to a dotted name such as mysite.settings."
        case .settingsModuleNotFound(let module, let searched):
            return "Settings module '\(module)' not found (looked for \(searched.joined(separator: " and "))); check DJANGO_SETTINGS_MODULE."
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path) (\(reason)); check that it exists and that you may read it."
        case .fileTooLarge(let path, let bytes, let limit):
            return "\(path) is \(bytes) bytes, more than the \(limit)-byte limit for settings files, so it was not read; check that it really is a settings file."
        case .notText(let path, let reason):
            return "\(path) is not Python source (\(reason)), so it was not read; check that it really is a settings file."
        case .syntaxError(let location, let detail):
            return "\(location): syntax error: \(detail); Python cannot import this file either, so fix it and retry."
        case .nestingTooDeep(let location, let limit):
            return "\(location): nested more than \(limit) levels deep, so the rest of this file was not read; simplify the expression."
        case .importCycle(let location, let modules):
            return "\(location): import cycle \(modules.joined(separator: " -> ")); the repeated import was skipped, so settings it would add are unknown."
        case .missingModule(let location, let module):
            return "\(location): imports '\(module)', which is not in the project; settings it defines are unknown (pass --db PATH if the database is one of them)."
        case .optionalModuleMissing(let location, let module):
            return "\(location): optional module '\(module)' is absent (its ImportError is handled); continuing without it."
        case .moduleLimitReached(let location, let limit):
            return "\(location): more than \(limit) modules imported; this import was skipped, so settings it defines are unknown."
        case .evaluationLimitReached(let location, let limit):
            return "\(location): settings too complex to follow (more than \(limit) steps); settings from here on are unknown."
        case .unsupportedLayout(let location, let detail):
            return "\(location): \(detail); authconsole cannot read settings written this way, so \(Self.databaseAdvice)."
        case .runtimeFailure(let location, let detail):
            return "\(location): \(detail)."
        case .dotEnvLineIgnored(let location):
            return "\(location): not a KEY=VALUE line, ignored; fix the line if the variable matters."
        case .databasesNotDefined(let file):
            return "DATABASES is not set in \(file) or the modules it imports; \(Self.databaseAdvice)."
        case .databaseNotDefined(let location, let alias):
            return "DATABASES in \(location) has no '\(Self.printable(alias))' entry; \(Self.databaseAdvice)."
        case .databaseBuiltAtRunTime(let location, let field, let reason):
            return "\(field) in \(location) is built at run time (\(reason)); \(Self.databaseAdvice)."
        case .databaseEnvironmentUnset(let location, let field, let variable):
            return "\(field) in \(location) comes from $\(variable), which is not set and has no default; set \(variable) or pass --db PATH."
        case .databaseEngineMissing(let location, let field):
            return "\(field) in \(location) has no ENGINE; \(Self.databaseAdvice)."
        case .databaseEngineUnsupported(let location, let field, let engine):
            return "\(field) in \(location) uses \(Self.printable(engine)); authconsole reads SQLite and PostgreSQL databases, so pass --db PATH or a PostgreSQL DATABASE_URL."
        case .sqliteNameUnusable(let location, let field, let detail):
            return "\(field) in \(location) \(detail); pass --db PATH."
        }
    }

    /// Names taken from files are shown short and without control characters.
    static func printable(_ text: String, limit: Int = 80) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.unicodeScalars.count >= limit { out += "..."; break }
            let v = scalar.value
            out.unicodeScalars.append(v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) ? "?" : scalar)
        }
        return out
    }
}

/// A problem found while reading settings. Reading never stops at the first problem: the settings
/// that could be read are returned together with the diagnostics.
public struct SettingsDiagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.note, .warning, .error]
            return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
        }
    }

    public var severity: Severity
    public var problem: SettingsError

    public init(_ severity: Severity, _ problem: SettingsError) {
        self.severity = severity
        self.problem = problem
    }

    public var message: String { problem.message }
    public var location: SourceLocation? { problem.location }
    public var description: String { "\(severity.rawValue): \(message)" }
}
