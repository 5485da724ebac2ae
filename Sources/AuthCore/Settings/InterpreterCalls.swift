import Foundation

/// Calls: the functions settings files use from the standard library (`os`, `os.path`, `pathlib`,
/// builtins) and from environment libraries, plus methods of strings, paths, dicts and lists.
/// Any other call gives a dynamic value naming the function.
extension Interpreter {
    struct Arguments {
        var positional: [PythonValue] = []
        var keywords: [(name: String, value: PythonValue)] = []
        /// False when `*x` or `**x` could not be expanded.
        var complete = true

        /// The keyword argument `keyword`, or else the positional argument at `index` (if `index` >= 0).
        func value(at index: Int, or keyword: String) -> PythonValue? {
            if !keyword.isEmpty, let named = keywords.last(where: { $0.name == keyword }) { return named.value }
            return index >= 0 && index < positional.count ? positional[index] : nil
        }

        func keyword(_ name: String) -> PythonValue? { keywords.last { $0.name == name }?.value }
    }

    func evaluateArguments(_ arguments: [CallArgument], in scope: ModuleScope, frame: Frame) -> Arguments {
        var result = Arguments()
        for argument in arguments {
            let value = evaluate(argument.value, in: scope, frame: frame)
            switch argument.kind {
            case .positional:
                result.positional.append(value)
            case .keyword(let name):
                result.keywords.append((name, value))
            case .unpack:
                if let items = Semantics.elements(value, limit: limits.maxValueElements) {
                    result.positional += items
                } else {
                    result.complete = false
                }
            case .unpackKeywords:
                if case .dict(let entries)? = value.resolved, entries.allSatisfy({ $0.key.stringValue != nil }) {
                    result.keywords += entries.map { ($0.key.stringValue ?? "", $0.value) }
                } else {
                    result.complete = false
                }
            }
        }
        return result
    }

    func call(_ callee: PythonExpression, _ argumentExpressions: [CallArgument], in scope: ModuleScope, frame: Frame,
              at location: SourceLocation) -> PythonValue {
        let arguments = evaluateArguments(argumentExpressions, in: scope, frame: frame)
        let calleeText = Self.dottedText(callee)
        if case .attribute(let baseExpression, let method) = callee.kind {
            let base = evaluate(baseExpression, in: scope, frame: frame)
            switch base {
            case .reference:
                let function = attribute(base, method, at: location)
                if case .reference(let qualified) = function {
                    return callReference(qualified, arguments, frame: frame, at: location)
                }
                if case .dynamic = function { return dynamic("\(calleeText)()", at: location) }
                return dynamic("\(calleeText) is not callable", at: location)
            case .dynamic:
                return base
            default:
                return callMethod(base, method, arguments, calleeText: calleeText, at: location)
            }
        }
        let function = evaluate(callee, in: scope, frame: frame)
        switch function {
        case .reference(let qualified): return callReference(qualified, arguments, frame: frame, at: location)
        case .dynamic: return dynamic("\(calleeText)()", at: location)
        default: return dynamic("\(calleeText) is a \(function.kindName), not a function", at: location)
        }
    }

    // MARK: - Functions by qualified name

    private static let pathClasses: Set<String> = ["pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath"]

    func callReference(_ name: String, _ arguments: Arguments, frame: Frame, at location: SourceLocation) -> PythonValue {
        let unknown = dynamic("\(name)()", at: location)
        guard arguments.complete else { return dynamic("\(name)() with arguments known only at run time", at: location) }
        if let environmentValue = callEnvironmentFunction(name, arguments, frame: frame, at: location) { return environmentValue }
        if name.hasPrefix("builtins.") { return callBuiltin(String(name.dropFirst("builtins.".count)), arguments, at: location) }
        if Self.pathClasses.contains(name) {
            var parts: [String] = []
            for argument in arguments.positional {
                guard let part = pathText(argument) else { return unknownReason(argument, at: location) }
                parts.append(part)
            }
            return .path(PosixPath.pure(PosixPath.join(parts)))
        }
        if name.hasPrefix("os.path.") { return callOSPath(String(name.dropFirst("os.path.".count)), arguments, at: location) }
        switch name {
        case "pathlib.Path.cwd", "os.getcwd":
            return name == "os.getcwd" ? .string(rootFolder.path) : .path(rootFolder.path)
        case "print":
            return .none
        default:
            return unknown
        }
    }

    /// Text of a `str` or `Path` argument.
    func pathText(_ value: PythonValue) -> String? {
        switch value.resolved {
        case .string(let text)?: return text
        case .path(let path)?: return path
        default: return nil
        }
    }

    private func callOSPath(_ function: String, _ arguments: Arguments, at location: SourceLocation) -> PythonValue {
        var texts: [String] = []
        for argument in arguments.positional {
            guard let text = pathText(argument) else { return unknownReason(resolve(argument) ?? argument, at: location) }
            texts.append(text)
        }
        guard let first = texts.first else { return dynamic("os.path.\(function)() without arguments", at: location) }
        let cwd = rootFolder.path
        switch function {
        case "join": return .string(PosixPath.join(texts))
        case "dirname": return .string(PosixPath.dirname(first))
        case "basename": return .string(PosixPath.basename(first))
        case "abspath", "realpath": return .string(PosixPath.abspath(first, cwd: cwd))
        case "normpath": return .string(PosixPath.normpath(first))
        case "expanduser":
            guard first.hasPrefix("~") else { return .string(first) }
            guard let home = environment.lookup("HOME")?.text else { return dynamic("os.path.expanduser() without $HOME", at: location) }
            return .string(home + first.dropFirst())
        case "exists", "isfile", "isdir":
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: PosixPath.abspath(first, cwd: cwd), isDirectory: &isDirectory)
            switch function {
            case "isfile": return .bool(exists && !isDirectory.boolValue)
            case "isdir": return .bool(exists && isDirectory.boolValue)
            default: return .bool(exists)
            }
        default:
            return dynamic("os.path.\(function)()", at: location)
        }
    }

    private func callBuiltin(_ function: String, _ arguments: Arguments, at location: SourceLocation) -> PythonValue {
        let first = arguments.positional.first
        var failure: PythonValue?
        func known(_ value: PythonValue) -> PythonValue? { operand(value, at: location, failure: &failure) }
        func elements(_ value: PythonValue?) -> [PythonValue]? {
            guard let value else { return [] }
            guard let resolved = known(value) else { return nil }
            return Semantics.elements(resolved, limit: limits.maxValueElements)
        }
        let unknown = dynamic("\(function)()", at: location)
        switch function {
        case "str":
            guard let first else { return .string("") }
            guard let value = known(first), let text = Formatting.str(value) else { return failure ?? unknown }
            return .string(text)
        case "repr":
            guard let first, let value = known(first), let text = Formatting.repr(value) else { return failure ?? unknown }
            return .string(text)
        case "int":
            guard let first else { return .int(0) }
            guard let value = known(first) else { return failure ?? unknown }
            switch value {
            case .string(let text):
                let radix = arguments.value(at: 1, or: "base").flatMap { $0.resolved }.flatMap(Semantics.integer) ?? 10
                guard let number = Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""), radix: radix) else {
                    return dynamic("int() of a string that is not a number", at: location)
                }
                return .int(number)
            case .float(let d):
                guard d.isFinite, abs(d) < 9.2e18 else { return dynamic("integer too large", at: location) }
                return .int(Int(d))
            default:
                return Semantics.integer(value).map(PythonValue.int) ?? unknown
            }
        case "float":
            guard let first else { return .float(0) }
            guard let value = known(first) else { return failure ?? unknown }
            if case .string(let text) = value {
                guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
                    return dynamic("float() of a string that is not a number", at: location)
                }
                return .float(number)
            }
            return Semantics.double(value).map(PythonValue.float) ?? unknown
        case "bool":
            guard let first else { return .bool(false) }
            return truthiness(first).map(PythonValue.bool) ?? unknownReason(first, at: location)
        case "list", "tuple", "set", "frozenset", "sorted", "reversed":
            guard let items = elements(first) else { return failure ?? unknown }
            switch function {
            case "list": return .list(items)
            case "tuple": return .tuple(items)
            case "reversed": return .list(items.reversed())
            case "sorted":
                var failed = false
                var sorted = items.sorted { a, b in
                    guard let order = Semantics.order(a, b) else { failed = true; return false }
                    return order < 0
                }
                if failed { return dynamic("sorted() of items that cannot be compared statically", at: location) }
                if let reverse = arguments.keyword("reverse"), truthiness(reverse) == true { sorted.reverse() }
                return .list(sorted)
            default: return .set(Semantics.deduplicated(items))
            }
        case "dict":
            var entries: [DictionaryEntry] = []
            if let first {
                guard let value = known(first) else { return failure ?? unknown }
                if case .dict(let existing) = value {
                    entries = existing
                } else {
                    guard let pairs = Semantics.elements(value, limit: limits.maxValueElements) else { return unknown }
                    for pair in pairs {
                        guard let kv = Semantics.elements(pair, limit: 2), kv.count == 2 else { return unknown }
                        entries.append(DictionaryEntry(key: kv[0], value: kv[1]))
                    }
                }
            }
            var builder = DictionaryBuilder(entries)
            for (name, value) in arguments.keywords { builder.set(.string(name), value) }
            return .dict(builder.entries)
        case "len":
            guard let first, let value = known(first) else { return failure ?? unknown }
            switch value {
            case .string(let text): return .int(text.count)
            case .list(let items), .tuple(let items), .set(let items): return .int(items.count)
            case .dict(let entries): return .int(entries.count)
            default: return unknown
            }
        case "range":
            let bounds = arguments.positional.compactMap { $0.resolved.flatMap(Semantics.integer) }
            guard bounds.count == arguments.positional.count, (1...3).contains(bounds.count) else { return unknown }
            let start = bounds.count == 1 ? 0 : bounds[0]
            let end = bounds.count == 1 ? bounds[0] : bounds[1]
            let step = bounds.count == 3 ? bounds[2] : 1
            guard step != 0 else { return dynamic("range() with step 0", at: location) }
            let count = ((Double(end) - Double(start)) / Double(step)).rounded(.up)
            guard count <= 10_000 else { return dynamic("a range of more than 10000 numbers", at: location) }
            return .list(Swift.stride(from: start, to: end, by: step).map(PythonValue.int))
        case "min", "max":
            let items = arguments.positional.count == 1 ? elements(first) : arguments.positional.map { $0.resolved ?? $0 }
            guard let items, var best = items.first else { return failure ?? unknown }
            for item in items.dropFirst() {
                guard let order = Semantics.order(item, best) else { return unknown }
                if function == "min" ? order < 0 : order > 0 { best = item }
            }
            return best
        case "abs":
            guard let first, let value = known(first) else { return failure ?? unknown }
            if case .float(let d) = value { return .float(abs(d)) }
            guard let i = Semantics.integer(value), i != .min else { return unknown }
            return .int(abs(i))
        case "any", "all":
            guard let items = elements(first) else { return failure ?? unknown }
            var sawUnknown = false
            for item in items {
                guard let truth = truthiness(item) else { sawUnknown = true; continue }
                if function == "any" && truth { return .bool(true) }
                if function == "all" && !truth { return .bool(false) }
            }
            return sawUnknown ? unknown : .bool(function == "all")
        case "print":
            return .none
        default:
            return unknown
        }
    }

    // MARK: - Methods

    func callMethod(_ base: PythonValue, _ method: String, _ arguments: Arguments, calleeText: String,
                    at location: SourceLocation) -> PythonValue {
        var failure: PythonValue?
        guard let receiver = operand(base, at: location, failure: &failure) else { return failure ?? base }
        let unknown = dynamic("\(calleeText)()", at: location)
        let first = arguments.positional.first
        chargeScan(of: receiver, at: location)
        switch receiver {
        case .string(let text):
            return stringMethod(text, method, arguments, at: location) ?? unknown
        case .path(let path):
            switch method {
            case "resolve", "absolute", "expanduser":
                if method == "expanduser" && path.hasPrefix("~") { return callOSPath("expanduser", Arguments(positional: [.string(path)]), at: location) }
                return .path(PosixPath.abspath(path, cwd: rootFolder.path))
            case "joinpath":
                var parts = [path]
                for argument in arguments.positional {
                    guard let part = pathText(argument) else { return unknownReason(argument, at: location) }
                    parts.append(part)
                }
                return .path(PosixPath.pure(PosixPath.join(parts)))
            case "with_name", "with_suffix":
                guard let replacement = first?.stringValue else { return unknown }
                let parent = PosixPath.parent(path)
                let name = method == "with_name" ? replacement : PosixPath.stem(path) + replacement
                return .path(PosixPath.pure(PosixPath.join([parent, name])))
            case "as_posix", "__str__":
                return .string(path)
            case "exists", "is_file", "is_dir":
                return callOSPath(["exists": "exists", "is_file": "isfile", "is_dir": "isdir"][method] ?? "exists",
                                  Arguments(positional: [.string(path)]), at: location)
            default:
                return unknown
            }
        case .dict(let entries):
            switch method {
            case "get", "pop", "setdefault":
                guard let key = first else { return unknown }
                if let entry = entries.last(where: { Semantics.equal($0.key, key) == true }) { return entry.value }
                if entries.contains(where: { Semantics.equal($0.key, key) == nil }) { return unknown }
                return arguments.value(at: 1, or: "default") ?? (method == "pop" ? dynamic("key is missing (KeyError)", at: location) : .none)
            case "keys": return .list(entries.map(\.key))
            case "values": return .list(entries.map(\.value))
            case "items": return .list(entries.map { .tuple([$0.key, $0.value]) })
            case "copy": return receiver
            default: return Self.mutatingMethods.contains(method) ? .none : unknown
            }
        case .list(let items), .tuple(let items), .set(let items):
            switch method {
            case "copy": return receiver
            case "count": return first.map { item in .int(items.filter { Semantics.equal($0, item) == true }.count) } ?? unknown
            case "index":
                guard let item = first, let index = items.firstIndex(where: { Semantics.equal($0, item) == true }) else { return unknown }
                return .int(index)
            case "union":
                guard let more = first.flatMap({ Semantics.elements($0, limit: limits.maxValueElements) }) else { return unknown }
                return .set(Semantics.deduplicated(items + more))
            default: return Self.mutatingMethods.contains(method) ? .none : unknown
            }
        default:
            return unknown
        }
    }

    private func stringMethod(_ text: String, _ method: String, _ arguments: Arguments, at location: SourceLocation) -> PythonValue? {
        let first = arguments.positional.first
        func characters(_ value: PythonValue?) -> CharacterSet? {
            guard let value else { return .whitespacesAndNewlines }
            if case .none? = value.resolved { return .whitespacesAndNewlines }
            return value.stringValue.map { CharacterSet(charactersIn: $0) }
        }
        switch method {
        case "lower": return .string(text.lowercased())
        case "upper": return .string(text.uppercased())
        case "strip":
            guard let set = characters(first) else { return nil }
            return .string(text.trimmingCharacters(in: set))
        case "lstrip", "rstrip":
            guard let set = characters(first) else { return nil }
            var scalars = Substring(text).unicodeScalars
            if method == "lstrip" {
                while let c = scalars.first, set.contains(c) { scalars.removeFirst() }
            } else {
                while let c = scalars.last, set.contains(c) { scalars.removeLast() }
            }
            return .string(String(scalars))
        case "split", "rsplit":
            let separator = arguments.value(at: 0, or: "sep")
            let maxSplit = arguments.value(at: 1, or: "maxsplit").flatMap { $0.resolved }.flatMap(Semantics.integer) ?? -1
            if separator == nil || separator?.resolved == PythonValue.none {
                let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                guard maxSplit < 0 else { return nil }
                return .list(words.map(PythonValue.string))
            }
            guard let sep = separator?.stringValue, !sep.isEmpty else { return nil }
            var parts = text.components(separatedBy: sep)
            if maxSplit >= 0 && parts.count > maxSplit + 1 {
                if method == "split" {
                    parts = Array(parts.prefix(maxSplit)) + [parts.dropFirst(maxSplit).joined(separator: sep)]
                } else {
                    parts = [parts.dropLast(maxSplit).joined(separator: sep)] + Array(parts.suffix(maxSplit))
                }
            }
            return .list(parts.map(PythonValue.string))
        case "splitlines":
            return .list(text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map { .string(String($0)) })
        case "replace":
            guard let old = first?.stringValue, let new = arguments.value(at: 1, or: "")?.stringValue, !old.isEmpty else { return nil }
            return .string(text.replacingOccurrences(of: old, with: new))
        case "startswith", "endswith":
            var candidates: [String] = []
            switch first?.resolved {
            case .string(let s)?: candidates = [s]
            case .tuple(let items)?: candidates = items.compactMap(\.stringValue)
            default: return nil
            }
            return .bool(candidates.contains { method == "startswith" ? text.hasPrefix($0) : text.hasSuffix($0) })
        case "join":
            guard let items = first.flatMap({ Semantics.elements($0, limit: limits.maxValueElements) }) else { return nil }
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else { return nil }
            return .string(strings.joined(separator: text))
        case "format":
            var keywords: [String: PythonValue] = [:]
            for (name, value) in arguments.keywords { keywords[name] = value }
            return Formatting.format(text, positional: arguments.positional, keywords: keywords).map(PythonValue.string)
        case "encode", "decode", "casefold":
            return .string(method == "casefold" ? text.lowercased() : text)
        case "isdigit":
            return .bool(!text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber })
        case "title":
            return .string(text.capitalized)
        default:
            return nil
        }
    }
}
