/// What a settings expression evaluates to without running Python. Known values are kept as
/// they are; environment lookups keep the variable's name; everything else is `.dynamic` with the
/// reason and place, so a caller can always say why a value is unknown.
public enum PythonValue: Equatable, Sendable {
    case string(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case none
    case list([PythonValue])
    case tuple([PythonValue])
    case set([PythonValue])
    /// Entries in the order they were written (later duplicates replace earlier values in place).
    case dict([DictionaryEntry])
    /// A `pathlib.Path`; absolute unless built from a relative string.
    case path(String)
    /// A value read from an environment variable (resolved when the variable or a default is known).
    indirect case env(EnvironmentReference)
    /// Something outside the files read, by dotted name: a module, class, function or attribute
    /// (`os.path.join`, `sys.argv`, `environ.Env()` for an Env instance).
    case reference(String)
    /// A value only known when Django runs.
    case dynamic(DynamicValue)
}

public struct DictionaryEntry: Equatable, Sendable {
    public var key: PythonValue
    public var value: PythonValue

    public init(key: PythonValue, value: PythonValue) {
        self.key = key
        self.value = value
    }
}

/// Why a value cannot be known statically, and where it was computed.
public struct DynamicValue: Equatable, Sendable {
    public var reason: String
    public var location: SourceLocation

    public init(reason: String, location: SourceLocation) {
        self.reason = reason
        self.location = location
    }
}

/// `os.getenv("NAME", default)`, `env.bool("NAME")`, `config("NAME", cast=...)` and the like.
/// The variable's name is always kept; the value is resolved from the environment given to the
/// reader and from `.env` files, or from the default written in the file.
public struct EnvironmentReference: Equatable, Sendable {
    public enum Resolution: Equatable, Sendable {
        /// The variable is set in the environment given to the reader (or by the settings themselves).
        case environment
        /// The variable is set in this `.env` file (display path).
        case dotEnv(file: String)
        /// The variable is not set; the default written in the settings applies.
        case defaultValue
        /// The variable is not set and there is no default: Django gets None or fails to start.
        case unset
    }

    /// How the text of the variable is turned into a value.
    public enum Cast: String, Equatable, Sendable {
        case string, bool, int, float, list, tuple, dict, json, literal
        case databaseURL = "database URL"
        case cacheURL = "cache URL"
        case emailURL = "email URL"
        case url, path
        /// A cast the reader does not know (a custom function): the resolved value is dynamic.
        case unknown
    }

    public var name: String
    /// How the variable is read, e.g. `os.getenv`, `os.environ[]`, `env.bool`, `config`, `dj_database_url.config`.
    public var lookup: String
    public var defaultValue: PythonValue?
    public var cast: Cast
    public var resolution: Resolution
    /// The value Django would see: the variable's text after the cast, or the default. Nil when the
    /// variable is unset without a default. Never shown by `description`.
    public var resolvedValue: PythonValue?
    public var location: SourceLocation

    public init(name: String, lookup: String, defaultValue: PythonValue?, cast: Cast, resolution: Resolution,
                resolvedValue: PythonValue?, location: SourceLocation) {
        self.name = name
        self.lookup = lookup
        self.defaultValue = defaultValue
        self.cast = cast
        self.resolution = resolution
        self.resolvedValue = resolvedValue
        self.location = location
    }
}

extension PythonValue {
    /// What the value amounts to: environment references are replaced by what they resolve to
    /// (nil when unset without a default); other values are returned as they are.
    public var resolved: PythonValue? {
        if case .env(let reference) = self { return reference.resolvedValue?.resolved }
        return self
    }

    /// The text of a `.string` (or of what an environment reference resolves to).
    public var stringValue: String? {
        if case .string(let text)? = resolved { return text }
        return nil
    }

    /// The value stored under `key` in a dict (string keys compared exactly).
    public subscript(key: String) -> PythonValue? {
        guard case .dict(let entries)? = resolved else { return nil }
        return entries.last { $0.key.resolved == .string(key) }?.value
    }

    /// Short name of the kind of value, for messages.
    var kindName: String {
        switch self {
        case .string: return "str"
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .none: return "None"
        case .list: return "list"
        case .tuple: return "tuple"
        case .set: return "set"
        case .dict: return "dict"
        case .path: return "Path"
        case .env(let reference): return "$\(reference.name)"
        case .reference(let name): return name
        case .dynamic: return "run-time value"
        }
    }
}
