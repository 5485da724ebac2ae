import Foundation

/// Where the project's default database lives, as far as the settings tell.
public enum DatabaseLocation: Equatable, Sendable, CustomStringConvertible {
    /// An SQLite file (absolute path; relative NAMEs are taken relative to the project root folder,
    /// where Django runs from manage.py).
    case sqlite(path: String)
    case postgres(PostgresParameters)

    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite database \(path)"
        case .postgres(let parameters): return parameters.description
        }
    }
}

/// Connection parameters of a PostgreSQL database. `password` is never part of `description`.
public struct PostgresParameters: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var engine: String
    public var name: String?
    public var user: String?
    public var password: String?
    public var host: String?
    public var port: Int?
    public var options: [String: String]
    /// Fields ("NAME", "USER", "PASSWORD", "HOST", "PORT") read from environment variables: field → variable.
    public var environmentVariables: [String: String]
    /// Fields whose value is only known at run time: field → reason.
    public var unresolvedFields: [String: String]

    public init(engine: String, name: String? = nil, user: String? = nil, password: String? = nil, host: String? = nil,
                port: Int? = nil, options: [String: String] = [:], environmentVariables: [String: String] = [:],
                unresolvedFields: [String: String] = [:]) {
        self.engine = engine
        self.name = name
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.options = options
        self.environmentVariables = environmentVariables
        self.unresolvedFields = unresolvedFields
    }

    public var description: String {
        var text = "PostgreSQL database \(name.map { "'\(SettingsError.printable($0))'" } ?? "(default name)")"
        text += " on \(host.map { SettingsError.printable($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost")"
        if let port { text += ":\(port)" }
        if let user, !user.isEmpty { text += " as '\(SettingsError.printable(user))'" }
        if let variable = environmentVariables["PASSWORD"] {
            text += password == nil ? " (password from $\(variable), not set)" : " (password from $\(variable))"
        } else {
            text += password.map { $0.isEmpty ? " (no password)" : " (password set in the settings)" } ?? " (no password)"
        }
        return text
    }

    public var debugDescription: String { description }
}

extension DjangoSettings {
    /// Resolves `DATABASES[alias]` to an SQLite file or PostgreSQL parameters; throws a
    /// `SettingsError` whose message says what is missing and what to do.
    public func databaseLocation(alias: String = "default") throws -> DatabaseLocation {
        guard let databases = value(of: "DATABASES") else {
            if let unsupportedLayout { throw unsupportedLayout }
            throw SettingsError.databasesNotDefined(settingsFile: settingsFileDisplayPath)
        }
        let resolver = DatabaseResolver(location: databases.location, rootFolder: rootFolder)
        let all = try resolver.dictionary(databases.value, field: "DATABASES")
        guard let entry = all.last(where: { $0.key.resolved == .string(alias) }) else {
            throw SettingsError.databaseNotDefined(databases.location, alias: alias)
        }
        let field = "DATABASES[\(Formatting.repr(string: alias))]"
        let configuration = try resolver.dictionary(entry.value, field: field)
        guard let engineValue = configuration.last(where: { $0.key.resolved == .string("ENGINE") })?.value else {
            throw SettingsError.databaseEngineMissing(databases.location, field: field)
        }
        let engine = try resolver.text(engineValue, field: field + "['ENGINE']")
        func item(_ key: String) -> PythonValue? { configuration.last { $0.key.resolved == .string(key) }?.value }
        if engine.hasSuffix("sqlite3") || engine.hasSuffix("spatialite") {
            guard let name = item("NAME") else {
                throw SettingsError.sqliteNameUnusable(databases.location, field: field, detail: "has no NAME")
            }
            return .sqlite(path: try resolver.sqlitePath(name, field: field + "['NAME']"))
        }
        if engine.contains("postgres") || engine.contains("postgis") || engine.contains("psycopg") {
            return .postgres(resolver.postgres(engine: engine, item))
        }
        throw SettingsError.databaseEngineUnsupported(databases.location, field: field, engine: engine)
    }
}

/// The steps of `databaseLocation`: each throws with the field and the place it was set.
private struct DatabaseResolver {
    let location: SourceLocation
    let rootFolder: URL

    /// Follows environment references; throws when the value is not known.
    func known(_ value: PythonValue, field: String) throws -> PythonValue {
        switch value {
        case .env(let reference):
            guard let resolved = reference.resolvedValue, reference.resolution != .unset else {
                throw SettingsError.databaseEnvironmentUnset(location, field: field, variable: reference.name)
            }
            return try known(resolved, field: field)
        case .dynamic(let dynamic):
            throw SettingsError.databaseBuiltAtRunTime(location, field: field, reason: dynamic.reason)
        case .reference(let name):
            throw SettingsError.databaseBuiltAtRunTime(location, field: field, reason: name)
        default:
            return value
        }
    }

    func dictionary(_ value: PythonValue, field: String) throws -> [DictionaryEntry] {
        guard case .dict(let entries) = try known(value, field: field) else {
            throw SettingsError.databaseBuiltAtRunTime(location, field: field, reason: "it is a \(value.resolved?.kindName ?? "value"), not a dict")
        }
        return entries
    }

    func text(_ value: PythonValue, field: String) throws -> String {
        switch try known(value, field: field) {
        case .string(let text): return text
        case .path(let path): return path
        case let other: throw SettingsError.databaseBuiltAtRunTime(location, field: field, reason: "it is a \(other.kindName), not a string")
        }
    }

    func sqlitePath(_ value: PythonValue, field: String) throws -> String {
        let path = try text(value, field: field)
        if path.isEmpty { throw SettingsError.sqliteNameUnusable(location, field: field, detail: "is empty") }
        if path == ":memory:" || path.hasPrefix("file:") {
            throw SettingsError.sqliteNameUnusable(location, field: field, detail: "is an in-memory or URI database, not a file")
        }
        return PosixPath.abspath(path, cwd: rootFolder.standardizedFileURL.path)
    }

    func postgres(engine: String, _ item: (String) -> PythonValue?) -> PostgresParameters {
        var parameters = PostgresParameters(engine: engine)
        func field(_ key: String) -> String? {
            guard let value = item(key) else { return nil }
            if case .env(let reference) = value { parameters.environmentVariables[key] = reference.name }
            do {
                switch try known(value, field: key) {
                case .string(let text): return text
                case .int(let number): return String(number)
                case .path(let path): return path
                case .none: return nil
                case let other:
                    parameters.unresolvedFields[key] = "it is a \(other.kindName)"
                    return nil
                }
            } catch let error as SettingsError {
                if case .databaseBuiltAtRunTime(_, _, let reason) = error { parameters.unresolvedFields[key] = reason }
                if case .databaseEnvironmentUnset(_, _, let variable) = error { parameters.unresolvedFields[key] = "$\(variable) is not set" }
                return nil
            } catch {
                return nil
            }
        }
        parameters.name = field("NAME")
        parameters.user = field("USER")
        parameters.password = field("PASSWORD")
        parameters.host = field("HOST")
        if let port = field("PORT") {
            if let number = Int(port.trimmingCharacters(in: .whitespaces)) {
                parameters.port = number
            } else if !port.isEmpty {
                parameters.unresolvedFields["PORT"] = "it is not a number"
            }
        }
        if let options = item("OPTIONS"), case .dict(let entries)? = try? known(options, field: "OPTIONS") {
            for entry in entries {
                guard let key = entry.key.stringValue, let value = try? known(entry.value, field: "OPTIONS"),
                      let text = Formatting.str(value) else { continue }
                parameters.options[key] = text
            }
        }
        return parameters
    }
}
