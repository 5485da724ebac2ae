import Foundation

/// Environment lookups: `os.getenv`, `os.environ.get/setdefault/[...]`, django-environ and environs
/// `env(...)`/`env.str/bool/int/list/json/db(...)`, python-decouple `config(...)`, `dj_database_url`,
/// `json.loads`/`ast.literal_eval` over a variable, and `.env` loading (`read_env`, `load_dotenv`).
extension Interpreter {
    /// Handles `name` when it is one of the functions above; nil otherwise.
    func callEnvironmentFunction(_ name: String, _ arguments: Arguments, frame: Frame, at location: SourceLocation) -> PythonValue? {
        switch name {
        case "os.getenv", "os.environ.get":
            guard let variable = arguments.value(at: 0, or: "key")?.stringValue else { return variableNameUnknown(name, location) }
            return environmentReference(name: variable, lookup: name, defaultValue: arguments.value(at: 1, or: "default"),
                                        cast: .string, castsDefault: false, unsetValue: PythonValue.none, at: location)
        case "os.environ.setdefault":
            guard let variable = arguments.value(at: 0, or: "key")?.stringValue else { return variableNameUnknown(name, location) }
            let fallback = arguments.value(at: 1, or: "default")
            if !environment.isSet(variable), let text = fallback.flatMap({ $0.resolved }).flatMap(Formatting.str) {
                environment.assigned[variable] = text
            }
            return environmentReference(name: variable, lookup: name, defaultValue: fallback, cast: .string, castsDefault: false, at: location)
        case "environ.Env", "environ.FileAwareEnv", "environs.Env":
            for (variable, scheme) in arguments.keywords {
                switch scheme.resolved {
                case .tuple(let parts)? where !parts.isEmpty:
                    environSchemes[variable] = (Self.cast(of: parts[0]) ?? .string, parts.count > 1 ? parts[1] : nil)
                case let other?:
                    environSchemes[variable] = (Self.cast(of: other) ?? .string, nil)
                case nil:
                    continue
                }
            }
            return .reference(name + "()")
        case "environ.Env.read_env", "environ.Env().read_env", "environ.FileAwareEnv().read_env", "environs.Env().read_env",
             "dotenv.load_dotenv", "dotenv.main.load_dotenv":
            let path = arguments.value(at: 0, or: name.hasPrefix("dotenv") ? "dotenv_path" : (name.hasPrefix("environs") ? "path" : "env_file"))
            return .bool(loadDotEnv(path, frame: frame, at: location))
        case "dotenv.find_dotenv":
            return .string(findDotEnv(frame: frame)?.path ?? "")
        case "decouple.config", "decouple.AutoConfig()", "decouple.Config()":
            return decoupleConfig(arguments, at: location)
        case "decouple.AutoConfig", "decouple.Config", "decouple.Csv", "decouple.Choices":
            return .reference(name + "()")
        case "dj_database_url.config":
            let variable = arguments.value(at: 0, or: "env")?.stringValue ?? "DATABASE_URL"
            // Unset without a default, dj_database_url.config() returns {}.
            return environmentReference(name: variable, lookup: name, defaultValue: arguments.value(at: 1, or: "default"),
                                        cast: .databaseURL, castsDefault: true, unsetValue: .dict([]), at: location)
        case "dj_database_url.parse":
            return recast(arguments.value(at: 0, or: "url"), to: .databaseURL, by: name, at: location)
        case "json.loads":
            return recast(arguments.value(at: 0, or: "s"), to: .json, by: name, at: location)
        case "ast.literal_eval":
            return recast(arguments.value(at: 0, or: "node_or_string"), to: .literal, by: name, at: location)
        default:
            for library in ["environ.Env()", "environ.FileAwareEnv()", "environs.Env()"] {
                if name == library { return environCall(nil, arguments, environs: library.hasPrefix("environs"), at: location) }
                if name.hasPrefix(library + ".") {
                    return environCall(String(name.dropFirst(library.count + 1)), arguments, environs: library.hasPrefix("environs"), at: location)
                }
            }
            return nil
        }
    }

    private func variableNameUnknown(_ function: String, _ location: SourceLocation) -> PythonValue {
        dynamic("\(function)() of a variable whose name is known only at run time", at: location)
    }

    /// An environment reference for `name`, resolved from the environment, `.env` files or the default.
    func environmentReference(name: String, lookup: String, defaultValue: PythonValue?, cast: EnvironmentReference.Cast,
                              castsDefault: Bool, unsetValue: PythonValue? = nil, at location: SourceLocation) -> PythonValue {
        environmentReads += 1
        if let (text, resolution) = environment.lookup(name) {
            return .env(EnvironmentReference(name: name, lookup: lookup, defaultValue: defaultValue, cast: cast, resolution: resolution,
                                             resolvedValue: castValue(text, cast, variable: name, at: location), location: location))
        }
        if let defaultValue {
            var resolved = defaultValue.resolved ?? defaultValue
            if castsDefault, case .string(let text) = resolved { resolved = castValue(text, cast, variable: name, at: location) }
            return .env(EnvironmentReference(name: name, lookup: lookup, defaultValue: defaultValue, cast: cast, resolution: .defaultValue,
                                             resolvedValue: resolved, location: location))
        }
        if unsetValue == nil, let exceptions = Self.exceptionsForUnset(lookup) {
            missingRequiredVariable = Raise(kind: .exception(exceptions), location: location, dependsOnEnvironment: true)
        }
        return .env(EnvironmentReference(name: name, lookup: lookup, defaultValue: nil, cast: cast, resolution: .unset,
                                         resolvedValue: unsetValue, location: location))
    }

    /// What each library raises for a variable that is unset and has no default.
    private static func exceptionsForUnset(_ lookup: String) -> [String]? {
        if lookup == "os.environ[]" { return ["KeyError", "LookupError"] }
        if lookup == "config" { return ["UndefinedValueError"] }
        if lookup.hasPrefix("env") { return ["ImproperlyConfigured", "EnvError", "EnvValidationError"] }
        return nil
    }

    /// The variable's text turned into a value; a text the cast rejects gives a dynamic value
    /// whose reason names the variable only.
    func castValue(_ text: String, _ cast: EnvironmentReference.Cast, variable: String, at location: SourceLocation) -> PythonValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let invalid = dynamic("$\(variable) is not a valid \(cast.rawValue)", at: location)
        switch cast {
        case .string, .url, .cacheURL, .emailURL:
            return .string(text)
        case .bool:
            return .bool(["true", "on", "ok", "y", "yes", "1", "t"].contains(trimmed.lowercased()))
        case .int:
            return Int(trimmed).map(PythonValue.int) ?? invalid
        case .float:
            return Double(trimmed).map(PythonValue.float) ?? invalid
        case .list, .tuple:
            var body = Substring(trimmed)
            if cast == .tuple && body.hasPrefix("(") && body.hasSuffix(")") { body = body.dropFirst().dropLast() }
            let items = body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(PythonValue.string)
            return cast == .list ? .list(items) : .tuple(items)
        case .dict:
            var entries: [DictionaryEntry] = []
            for pair in trimmed.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { return invalid }
                entries.append(DictionaryEntry(key: .string(parts[0]), value: .string(parts[1])))
            }
            return .dict(entries)
        case .json:
            return LiteralReader.value(of: text, json: true, limits: limits) ?? invalid
        case .literal:
            return LiteralReader.value(of: text, json: false, limits: limits) ?? invalid
        case .databaseURL:
            return DatabaseURL.parse(text) ?? invalid
        case .path:
            return .path(text)
        case .unknown:
            return dynamic("$\(variable) goes through a cast known only at run time", at: location)
        }
    }

    /// `json.loads(os.getenv("X"))`, `dj_database_url.parse(os.environ["X"])`: the same variable,
    /// cast again; a plain string is parsed directly.
    private func recast(_ value: PythonValue?, to cast: EnvironmentReference.Cast, by function: String,
                        at location: SourceLocation) -> PythonValue {
        guard let value else { return dynamic("\(function)() without an argument", at: location) }
        switch value {
        case .env(var reference):
            environmentReads += 1
            reference.cast = cast
            reference.lookup = "\(function)(\(reference.lookup))"
            if let resolved = reference.resolvedValue {
                if case .string(let text) = resolved {
                    reference.resolvedValue = castValue(text, cast, variable: reference.name, at: location)
                } else if case .none = resolved {
                    reference.resolvedValue = dynamic("\(function)(None) fails", at: location)
                }
            }
            return .env(reference)
        case .string(let text):
            let parsed = castValue(text, cast, variable: "the argument", at: location)
            if case .dynamic = parsed { return dynamic("\(function)() of a string it cannot parse", at: location) }
            return parsed
        default:
            return unknownReason(value, at: location)
        }
    }

    /// django-environ / environs instance calls: `env("X")`, `env.bool("X", default=False)`, `env.db()`.
    private func environCall(_ method: String?, _ arguments: Arguments, environs: Bool, at location: SourceLocation) -> PythonValue? {
        let urlDefaults: [String: (EnvironmentReference.Cast, String)] = [
            "db": (.databaseURL, "DATABASE_URL"), "db_url": (.databaseURL, "DATABASE_URL"), "dj_db_url": (.databaseURL, "DATABASE_URL"),
            "cache": (.cacheURL, "CACHE_URL"), "cache_url": (.cacheURL, "CACHE_URL"), "dj_cache_url": (.cacheURL, "CACHE_URL"),
            "email": (.emailURL, "EMAIL_URL"), "email_url": (.emailURL, "EMAIL_URL"), "dj_email_url": (.emailURL, "EMAIL_URL"),
        ]
        let casts: [String: EnvironmentReference.Cast] = [
            "str": .string, "bool": .bool, "int": .int, "float": .float, "json": .json, "url": .url, "path": .path,
            "list": .list, "tuple": .tuple, "dict": .dict, "decimal": .float,
        ]
        let nameKeyword = environs ? "name" : "var"
        let lookup = "env" + (method.map { "." + $0 } ?? "")
        guard let method else {
            // env(var, cast=None, default=NOTSET)
            guard let variable = arguments.value(at: 0, or: nameKeyword)?.stringValue else { return variableNameUnknown(lookup, location) }
            let scheme = environSchemes[variable]
            let explicitCast = arguments.value(at: environs ? -1 : 1, or: "cast").flatMap(Self.cast(of:))
            let fallback = arguments.value(at: environs ? 1 : 2, or: "default") ?? scheme?.defaultValue
            return environmentReference(name: variable, lookup: lookup, defaultValue: fallback, cast: explicitCast ?? scheme?.cast ?? .string,
                                        castsDefault: environs, at: location)
        }
        if let (cast, standardName) = urlDefaults[method] {
            let variable = arguments.value(at: 0, or: nameKeyword)?.stringValue ?? standardName
            return environmentReference(name: variable, lookup: lookup, defaultValue: arguments.value(at: 1, or: "default"),
                                        cast: cast, castsDefault: true, at: location)
        }
        guard let cast = casts[method] else { return dynamic("\(lookup)()", at: location) }
        guard let variable = arguments.value(at: 0, or: nameKeyword)?.stringValue else { return variableNameUnknown(lookup, location) }
        // django-environ's list/tuple/dict take (var, cast, default); the others (var, default).
        let defaultIndex = !environs && [.list, .tuple, .dict].contains(cast) ? 2 : 1
        let fallback = arguments.value(at: defaultIndex, or: "default") ?? environSchemes[variable]?.defaultValue
        return environmentReference(name: variable, lookup: lookup, defaultValue: fallback, cast: cast, castsDefault: environs, at: location)
    }

    /// python-decouple `config(option, default=..., cast=...)`; decouple casts defaults too.
    private func decoupleConfig(_ arguments: Arguments, at location: SourceLocation) -> PythonValue {
        guard let variable = arguments.value(at: 0, or: "option")?.stringValue else { return variableNameUnknown("config", location) }
        let castArgument = arguments.value(at: 2, or: "cast")
        let cast = castArgument.map { Self.cast(of: $0) ?? .unknown } ?? .string
        return environmentReference(name: variable, lookup: "config", defaultValue: arguments.value(at: 1, or: "default"),
                                    cast: cast, castsDefault: true, at: location)
    }

    /// The cast named by a `cast=` argument or an `Env(X=(cast, default))` scheme.
    static func cast(of value: PythonValue) -> EnvironmentReference.Cast? {
        switch value {
        case .reference(let name):
            let known: [String: EnvironmentReference.Cast] = [
                "builtins.bool": .bool, "builtins.int": .int, "builtins.float": .float, "builtins.str": .string,
                "builtins.list": .list, "builtins.tuple": .tuple, "builtins.dict": .dict, "decouple.Csv()": .list,
                "dj_database_url.parse": .databaseURL, "json.loads": .json, "ast.literal_eval": .literal,
                "pathlib.Path": .path, "decimal.Decimal": .float,
            ]
            return known[name]
        case .list(let items) where items.count <= 1:
            return .list
        default:
            return nil
        }
    }

    // MARK: - .env files named by the settings

    /// `read_env()` / `load_dotenv()`: loads the file named (or found next to the settings) so later
    /// lookups see it. Values already in the environment win, as in both libraries.
    func loadDotEnv(_ pathArgument: PythonValue?, frame: Frame, at location: SourceLocation) -> Bool {
        let url: URL
        if let pathArgument, pathArgument.resolved != PythonValue.none {
            guard let text = pathText(pathArgument), !text.isEmpty else { return false }
            url = URL(fileURLWithPath: PosixPath.abspath(text, cwd: rootFolder.path))
        } else {
            guard let found = findDotEnv(frame: frame) else { return false }
            url = found
        }
        let display = displayPath(url)
        if environment.projectFile?.path == display || environment.loadedFiles.contains(where: { $0.path == display }) { return true }
        guard SourceFile.isFile(url) else { return false }
        switch DotEnvFile.read(url, displayPath: display, maxBytes: limits.maxDotEnvBytes) {
        case .success(let file):
            file.diagnostics.forEach { report($0.severity, $0.problem) }
            environment.loadedFiles.append(file)
            return true
        case .failure(let error):
            report(.warning, error)
            return false
        }
    }

    /// The nearest `.env` from the settings file's folder up to the project root folder.
    func findDotEnv(frame: Frame) -> URL? {
        var folder = (frame.file ?? rootFolder.appendingPathComponent("settings.py")).deletingLastPathComponent().standardizedFileURL
        let root = rootFolder.path
        while true {
            let candidate = folder.appendingPathComponent(".env")
            if SourceFile.isFile(candidate) { return candidate }
            if folder.path == root || !folder.path.hasPrefix(root) || folder.path == "/" { return nil }
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
    }
}

/// Reads a Python literal (`ast.literal_eval`) or JSON text into a value, using the settings parser.
enum LiteralReader {
    static func value(of text: String, json: Bool, limits: SettingsReaderLimits) -> PythonValue? {
        guard text.utf8.count <= limits.maxFileBytes, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let wrapped = Array("(".utf8) + Array(text.utf8) + Array("\n)".utf8)
        guard let tokens = try? Tokenizer.tokenize(wrapped, maxDepth: limits.maxNestingDepth) else { return nil }
        var parser = Parser(tokens: tokens, file: "", limits: limits)
        guard let expression = try? parser.parseExpressionList(),
              parser.current.kind == .newline || parser.current.kind == .end else { return nil }
        return literal(expression, json: json)
    }

    private static func literal(_ expression: PythonExpression, json: Bool) -> PythonValue? {
        switch expression.kind {
        case .string(let text, _): return .string(text)
        case .integer(let i): return .int(i)
        case .float(let d): return .float(d)
        case .boolean(let b) where !json: return .bool(b)
        case .none where !json: return PythonValue.none
        case .name("true") where json: return .bool(true)
        case .name("false") where json: return .bool(false)
        case .name("null") where json: return PythonValue.none
        case .unary(.minus, let operand):
            switch literal(operand, json: json) {
            case .int(let i)?: return i == .min ? nil : .int(-i)
            case .float(let d)?: return .float(-d)
            default: return nil
            }
        case .list(let items): return values(items, json: json).map(PythonValue.list)
        case .tuple(let items) where !json: return values(items, json: json).map(PythonValue.tuple)
        case .set(let items) where !json: return values(items, json: json).map { .set(Semantics.deduplicated($0)) }
        case .dict(let items):
            var builder = DictionaryBuilder()
            for item in items {
                guard case .pair(let k, let v) = item, let key = literal(k, json: json), let value = literal(v, json: json) else { return nil }
                if json, key.stringValue == nil { return nil }
                builder.set(key, value)
            }
            return .dict(builder.entries)
        default:
            return nil
        }
    }

    private static func values(_ items: [PythonExpression], json: Bool) -> [PythonValue]? {
        var result: [PythonValue] = []
        for item in items {
            guard let value = literal(item, json: json) else { return nil }
            result.append(value)
        }
        return result
    }
}
