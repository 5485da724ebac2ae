/// In-place changes of module-level values: `X["a"]["b"] = v`, `X["a"].append(v)`, `del X["a"]`.
extension Interpreter {
    struct MutationPath {
        var root: String
        var keys: [PythonValue]
    }

    /// `expression` as a name bound in `scope` followed by subscripts, or nil.
    func mutationPath(_ expression: PythonExpression, in scope: ModuleScope, frame: Frame) -> MutationPath? {
        switch expression.kind {
        case .name(let name):
            return scope[name] == nil ? nil : MutationPath(root: name, keys: [])
        case .subscript(let base, let index):
            if case .slice = index.kind { return nil }
            guard var path = mutationPath(base, in: scope, frame: frame) else { return nil }
            path.keys.append(evaluate(index, in: scope, frame: frame))
            return path
        default:
            return nil
        }
    }

    /// Applies `operation` to the value at `path`; a change the reader cannot follow makes the
    /// whole setting dynamic, a change that would fail in Python is reported and ignored.
    func mutate(_ path: MutationPath, in scope: inout ModuleScope, at location: SourceLocation,
                _ operation: (inout PythonValue) -> Containers.Outcome) {
        guard var binding = scope[path.root] else { return }
        if path.keys.contains(where: { key in
            guard let resolved = key.resolved else { return true }
            if case .dynamic = resolved { return true }
            if case .reference = resolved { return true }
            return false
        }) {
            binding.value = .dynamic(DynamicValue(reason: "changed with a key known only at run time", location: location))
            binding.modifiedAt.append(location)
            scope.bind(binding)
            return
        }
        var value = binding.value
        chargeScan(of: value, at: location)
        switch Containers.modify(&value, keys: path.keys[...], path: path.root, operation) {
        case .done:
            binding.value = bounded(value, at: location)
        case .unknown(let reason):
            if let reason { binding.value = .dynamic(DynamicValue(reason: reason, location: location)) }
        case .failed(let detail):
            report(.warning, .runtimeFailure(location, detail: "\(detail), so this line would fail when Django starts; the change is ignored"))
            return
        }
        binding.modifiedAt.append(location)
        scope.bind(binding)
    }
}

/// Operations on container values, as Python's dict/list/set methods perform them.
enum Containers {
    enum Outcome: Equatable {
        case done
        /// The container is not known; with a reason, the whole value becomes dynamic.
        case unknown(String?)
        /// Python would raise; the detail says why (no values, only keys).
        case failed(String)
    }

    /// Applies `operation` at `keys` inside `value`; `path` names `value` in failure messages.
    static func modify(_ value: inout PythonValue, keys: ArraySlice<PythonValue>, path: String,
                       _ operation: (inout PythonValue) -> Outcome) -> Outcome {
        switch value {
        case .env(var reference):
            guard var inner = reference.resolvedValue else { return .unknown(nil) }
            let outcome = modify(&inner, keys: keys, path: path, operation)
            reference.resolvedValue = inner
            value = .env(reference)
            return outcome
        case .dynamic, .reference:
            return .unknown(nil)
        default:
            break
        }
        guard let key = keys.first else {
            let outcome = operation(&value)
            if case .failed(let detail) = outcome { return .failed("\(path) \(detail)") }
            return outcome
        }
        let keyText = Formatting.repr(key.resolved ?? key) ?? "..."
        switch value {
        case .dict(var entries):
            guard let index = entries.lastIndex(where: { Semantics.equal($0.key, key) == true }) else {
                return .failed("\(path) has no key \(keyText)")
            }
            var child = entries[index].value
            let outcome = modify(&child, keys: keys.dropFirst(), path: "\(path)[\(keyText)]", operation)
            entries[index].value = child
            value = .dict(entries)
            return outcome
        case .list(var items):
            guard let index = position(key, count: items.count) else { return .failed("\(path) has no item \(keyText)") }
            var child = items[index]
            let outcome = modify(&child, keys: keys.dropFirst(), path: "\(path)[\(keyText)]", operation)
            items[index] = child
            value = .list(items)
            return outcome
        default:
            return .failed("\(path) is a \(value.kindName), which has no items to change")
        }
    }

    /// A Python index (negative counts from the end) as an array position, if in range.
    static func position(_ key: PythonValue, count: Int) -> Int? {
        guard let resolved = key.resolved, let index = Semantics.integer(resolved) else { return nil }
        let position = index < 0 ? count + index : index
        return position >= 0 && position < count ? position : nil
    }

    static func setItem(_ container: inout PythonValue, key: PythonValue, value: PythonValue) -> Outcome {
        switch container {
        case .dict(var entries):
            if let index = entries.lastIndex(where: { Semantics.equal($0.key, key) == true }) {
                entries[index].value = value
            } else {
                entries.append(DictionaryEntry(key: key.resolved ?? key, value: value))
            }
            container = .dict(entries)
            return .done
        case .list(var items):
            guard let index = position(key, count: items.count) else { return .failed("has no item \(Formatting.repr(key) ?? "...")") }
            items[index] = value
            container = .list(items)
            return .done
        default:
            return .failed("is a \(container.kindName), which does not support item assignment")
        }
    }

    static func deleteItem(_ container: inout PythonValue, key: PythonValue) -> Outcome {
        switch container {
        case .dict(var entries):
            guard let index = entries.lastIndex(where: { Semantics.equal($0.key, key) == true }) else {
                return .failed("has no key \(Formatting.repr(key.resolved ?? key) ?? "...")")
            }
            entries.remove(at: index)
            container = .dict(entries)
            return .done
        case .list(var items):
            guard let index = position(key, count: items.count) else { return .failed("has no item \(Formatting.repr(key) ?? "...")") }
            items.remove(at: index)
            container = .list(items)
            return .done
        default:
            return .failed("is a \(container.kindName), which does not support item deletion")
        }
    }

    /// `container.method(arguments)` for the methods that change a container in place.
    static func call(_ method: String, on container: inout PythonValue, arguments: Interpreter.Arguments, limit: Int,
                     at location: SourceLocation) -> Outcome {
        guard arguments.complete else { return .unknown("changed by \(method)() with arguments known only at run time") }
        let first = arguments.value(at: 0, or: "")
        func elements(_ value: PythonValue?) -> [PythonValue]? {
            value.flatMap { Semantics.elements($0, limit: limit) }
        }
        switch (container, method) {
        case (.list(var items), "append"):
            guard let first else { return .failed("append() needs an argument") }
            items.append(first)
            container = .list(items)
        case (.list(var items), "extend"):
            guard let more = elements(first) else { return .unknown("extended with a value known only at run time") }
            items += more
            container = .list(items)
        case (.list(var items), "insert"):
            guard let index = arguments.value(at: 0, or: "").flatMap({ $0.resolved }).flatMap(Semantics.integer),
                  let item = arguments.value(at: 1, or: "") else { return .unknown("insert() at a position known only at run time") }
            let position = index < 0 ? max(0, items.count + index) : min(index, items.count)
            items.insert(item, at: position)
            container = .list(items)
        case (.list(var items), "remove"):
            guard let first else { return .failed("remove() needs an argument") }
            guard let index = items.firstIndex(where: { Semantics.equal($0, first) == true }) else {
                if items.contains(where: { Semantics.equal($0, first) == nil }) { return .unknown("remove() of an item known only at run time") }
                return .failed("does not contain the item removed (ValueError)")
            }
            items.remove(at: index)
            container = .list(items)
        case (.list(var items), "pop"):
            let index = first.flatMap { $0.resolved }.flatMap(Semantics.integer) ?? -1
            guard let position = position(.int(index), count: items.count) else { return .failed("has no item to pop") }
            items.remove(at: position)
            container = .list(items)
        case (.list(var items), "sort"):
            var failed = false
            items.sort { a, b in
                guard let order = Semantics.order(a, b) else { failed = true; return false }
                return order < 0
            }
            if failed { return .unknown("sorted with items that cannot be compared statically") }
            if arguments.keywords.contains(where: { $0.name == "reverse" && Semantics.truthiness($0.value) == true }) { items.reverse() }
            container = .list(items)
        case (.list(let items), "reverse"):
            container = .list(items.reversed())
        case (.list, "clear"):
            container = .list([])
        case (.dict(let entries), "update"):
            var updates: [DictionaryEntry] = []
            if let first {
                switch first.resolved {
                case .dict(let other)?:
                    updates = other
                default:
                    guard let pairs = elements(first) else { return .unknown("updated with a value known only at run time") }
                    for pair in pairs {
                        guard let kv = elements(pair), kv.count == 2 else { return .unknown("updated with a value known only at run time") }
                        updates.append(DictionaryEntry(key: kv[0], value: kv[1]))
                    }
                }
            }
            updates += arguments.keywords.map { DictionaryEntry(key: .string($0.name), value: $0.value) }
            var builder = DictionaryBuilder(entries)
            builder.merge(updates)
            container = .dict(builder.entries)
        case (.dict(var entries), "setdefault"):
            guard let first else { return .failed("setdefault() needs a key") }
            if !entries.contains(where: { Semantics.equal($0.key, first) == true }) {
                entries.append(DictionaryEntry(key: first.resolved ?? first, value: arguments.value(at: 1, or: "default") ?? .none))
            }
            container = .dict(entries)
        case (.dict(var entries), "pop"):
            guard let first else { return .failed("pop() needs a key") }
            if let index = entries.lastIndex(where: { Semantics.equal($0.key, first) == true }) {
                entries.remove(at: index)
            } else if arguments.positional.count < 2 {
                return .failed("has no key \(Formatting.repr(first.resolved ?? first) ?? "...") to pop")
            }
            container = .dict(entries)
        case (.dict, "clear"):
            container = .dict([])
        case (.set(var items), "add"):
            guard let first else { return .failed("add() needs an argument") }
            items = Semantics.deduplicated(items + [first])
            container = .set(items)
        case (.set(var items), "update"):
            guard let more = elements(first) else { return .unknown("updated with a value known only at run time") }
            items = Semantics.deduplicated(items + more)
            container = .set(items)
        case (.set(var items), "discard"), (.set(var items), "remove"):
            guard let first else { return .failed("\(method)() needs an argument") }
            items.removeAll { Semantics.equal($0, first) == true }
            container = .set(items)
        case (.set, "clear"):
            container = .set([])
        default:
            return .failed("is a \(container.kindName), which has no \(method)() method")
        }
        return .done
    }
}
