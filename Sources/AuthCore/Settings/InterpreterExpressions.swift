/// Expressions: names, literals, attributes, subscripts, operators, f-strings.
extension Interpreter {
    static let builtins: Set<String> = [
        "str", "int", "float", "bool", "list", "tuple", "set", "frozenset", "dict", "len", "sorted", "reversed", "range",
        "print", "open", "repr", "abs", "min", "max", "sum", "any", "all", "isinstance", "getattr", "setattr", "hasattr",
        "globals", "locals", "vars", "Exception", "BaseException", "ImportError", "ModuleNotFoundError", "ValueError",
        "KeyError", "TypeError", "AttributeError", "RuntimeError", "OSError", "IOError", "NameError",
    ]

    func dynamic(_ reason: String, at location: SourceLocation) -> PythonValue {
        .dynamic(DynamicValue(reason: reason, location: location))
    }

    /// The value behind an environment reference (counted as an environment read), or nil when unset.
    func resolve(_ value: PythonValue) -> PythonValue? {
        if case .env = value { environmentReads += 1 }
        return value.resolved
    }

    func truthiness(_ value: PythonValue) -> Bool? {
        if case .env = value { environmentReads += 1 }
        return Semantics.truthiness(value)
    }

    /// Why `value` cannot be used: its own dynamic reason, the unset variable, or the outside object.
    func unknownReason(_ value: PythonValue, at location: SourceLocation) -> PythonValue {
        switch value {
        case .dynamic: return value
        case .env(let reference):
            if let resolved = reference.resolvedValue, case .dynamic = resolved { return resolved }
            return dynamic("$\(reference.name) is not set and has no default", at: location)
        case .reference(let name): return dynamic("\(name) is only known at run time", at: location)
        default: return dynamic("a \(value.kindName) cannot be used here", at: location)
        }
    }

    /// Resolves `value` for use in an operation: nil (and `failure` set) when it is not a known value.
    func operand(_ value: PythonValue, at location: SourceLocation, failure: inout PythonValue?) -> PythonValue? {
        guard let resolved = resolve(value) else {
            failure = failure ?? unknownReason(value, at: location)
            return nil
        }
        switch resolved {
        case .dynamic, .reference, .env:
            failure = failure ?? unknownReason(resolved, at: location)
            return nil
        default:
            return resolved
        }
    }

    func evaluate(_ expression: PythonExpression, in scope: ModuleScope, frame: Frame) -> PythonValue {
        let location = expression.location
        guard tick(at: location) else { return dynamic("settings too complex to follow", at: location) }
        switch expression.kind {
        case .name(let name):
            return lookup(name, in: scope, frame: frame, at: location)
        case .string(let text, _):
            return .string(text)
        case .formattedString(let parts):
            return formatted(parts, in: scope, frame: frame, at: location)
        case .integer(let value):
            return .int(value)
        case .float(let value):
            return .float(value)
        case .unrepresentableNumber(let text):
            return dynamic("number \(SettingsError.printable(text, limit: 30)) is too large or complex", at: location)
        case .boolean(let value):
            return .bool(value)
        case .none:
            return .none
        case .ellipsis:
            return .reference("Ellipsis")
        case .list(let items):
            return sequence(items, in: scope, frame: frame, at: location).map(PythonValue.list) ?? unpackFailure(items, scope, frame, location)
        case .tuple(let items):
            return sequence(items, in: scope, frame: frame, at: location).map(PythonValue.tuple) ?? unpackFailure(items, scope, frame, location)
        case .set(let items):
            guard let values = sequence(items, in: scope, frame: frame, at: location) else { return unpackFailure(items, scope, frame, location) }
            return .set(Semantics.deduplicated(values))
        case .dict(let items):
            return dictionary(items, in: scope, frame: frame, at: location)
        case .starred:
            return dynamic("a starred expression", at: location)
        case .attribute(let base, let name):
            return attribute(evaluate(base, in: scope, frame: frame), name, at: location)
        case .subscript(let base, let index):
            return subscriptValue(evaluate(base, in: scope, frame: frame), index, in: scope, frame: frame, at: location)
        case .slice:
            return dynamic("a slice", at: location)
        case .call(let callee, let arguments):
            return call(callee, arguments, in: scope, frame: frame, at: location)
        case .unary(let op, let operandExpression):
            return unary(op, evaluate(operandExpression, in: scope, frame: frame), at: location)
        case .binary(let op, let left, let right):
            return binary(op, evaluate(left, in: scope, frame: frame), evaluate(right, in: scope, frame: frame), at: location)
        case .logical(let op, let leftExpression, let rightExpression):
            let left = evaluate(leftExpression, in: scope, frame: frame)
            guard let truth = truthiness(left) else { return unknownReason(left, at: location) }
            switch op {
            case .and: return truth ? evaluate(rightExpression, in: scope, frame: frame) : left
            case .or: return truth ? left : evaluate(rightExpression, in: scope, frame: frame)
            }
        case .comparison(let first, let steps):
            var left = evaluate(first, in: scope, frame: frame)
            for step in steps {
                let right = evaluate(step.right, in: scope, frame: frame)
                guard let result = compare(step.op, left, right, at: location) else {
                    var failure: PythonValue?
                    _ = operand(left, at: location, failure: &failure)
                    _ = operand(right, at: location, failure: &failure)
                    return failure ?? dynamic("comparison \(step.op.rawValue) of \(left.kindName) and \(right.kindName)", at: location)
                }
                if !result { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .conditional(let body, let test, let orElse):
            let condition = evaluate(test, in: scope, frame: frame)
            guard let truth = truthiness(condition) else { return unknownReason(condition, at: location) }
            return evaluate(truth ? body : orElse, in: scope, frame: frame)
        case .opaque(let kind):
            return dynamic("a \(kind.rawValue)", at: location)
        }
    }

    private func lookup(_ name: String, in scope: ModuleScope, frame: Frame, at location: SourceLocation) -> PythonValue {
        if let binding = scope[name] { return binding.value }
        switch name {
        case "__file__": return frame.file.map { .string($0.path) } ?? dynamic("__file__ of a namespace package", at: location)
        case "__name__": return .string(frame.module)
        case "__package__": return .string(frame.isPackage ? frame.module : frame.module.split(separator: ".").dropLast().joined(separator: "."))
        default: break
        }
        if Self.builtins.contains(name) { return .reference("builtins.\(name)") }
        return dynamic("\(name) is not defined in the files read", at: location)
    }

    /// Items of a list/tuple/set display, expanding `*x`; nil when an expansion is unknown.
    private func sequence(_ items: [PythonExpression], in scope: ModuleScope, frame: Frame, at location: SourceLocation) -> [PythonValue]? {
        var values: [PythonValue] = []
        for item in items {
            if case .starred(let inner) = item.kind {
                guard let more = Semantics.elements(evaluate(inner, in: scope, frame: frame), limit: limits.maxValueElements) else { return nil }
                values += more
            } else {
                values.append(evaluate(item, in: scope, frame: frame))
            }
            if values.count > limits.maxValueElements { return nil }
        }
        return values
    }

    private func unpackFailure(_ items: [PythonExpression], _ scope: ModuleScope, _ frame: Frame, _ location: SourceLocation) -> PythonValue {
        for item in items {
            if case .starred(let inner) = item.kind {
                let value = evaluate(inner, in: scope, frame: frame)
                if Semantics.elements(value, limit: limits.maxValueElements) == nil { return unknownReason(value, at: location) }
            }
        }
        return dynamic("a collection with more than \(limits.maxValueElements) items", at: location)
    }

    private func dictionary(_ items: [DictionaryItem], in scope: ModuleScope, frame: Frame, at location: SourceLocation) -> PythonValue {
        var builder = DictionaryBuilder()
        for item in items {
            switch item {
            case .pair(let keyExpression, let valueExpression):
                let key = evaluate(keyExpression, in: scope, frame: frame)
                builder.set(key.resolved ?? key, evaluate(valueExpression, in: scope, frame: frame))
            case .unpack(let mappingExpression):
                let mapping = evaluate(mappingExpression, in: scope, frame: frame)
                guard case .dict(let more)? = resolve(mapping) else { return unknownReason(mapping, at: location) }
                builder.merge(more)
            }
        }
        return .dict(builder.entries)
    }

    func attribute(_ base: PythonValue, _ name: String, at location: SourceLocation) -> PythonValue {
        switch base {
        case .reference(let qualified):
            if let module = projectModule(qualified, at: location) {
                if let binding = module[name] { return binding.value }
                let submodule = qualified + "." + name
                if locateModule(submodule) != nil {
                    _ = loadModule(submodule, requestedAt: location)
                    return .reference(submodule)
                }
                return dynamic("\(qualified).\(name) is not defined in the files read", at: location)
            }
            return .reference(qualified + "." + name)
        case .path(let path):
            switch name {
            case "parent": return .path(PosixPath.parent(path))
            case "parents": return .tuple(PosixPath.parents(path).map(PythonValue.path))
            case "name": return .string(PosixPath.name(path))
            case "stem": return .string(PosixPath.stem(path))
            case "suffix": return .string(PosixPath.suffix(path))
            default: return dynamic("Path.\(name)", at: location)
            }
        case .env(let reference):
            guard let resolved = resolve(base) else { return unknownReason(base, at: location) }
            if case .env = resolved { return dynamic("$\(reference.name).\(name)", at: location) }
            return attribute(resolved, name, at: location)
        case .dynamic:
            return base
        default:
            return dynamic("\(base.kindName).\(name)", at: location)
        }
    }

    /// The scope of a project module named by a reference, loading it when needed.
    func projectModule(_ name: String, at location: SourceLocation) -> ModuleScope? {
        if let loaded = modules[name] { return loaded }
        guard isProjectModuleName(name), locateModule(name) != nil else { return nil }
        if case .loaded(let scope) = loadModule(name, requestedAt: location) { return scope }
        return nil
    }

    private func subscriptValue(_ base: PythonValue, _ indexExpression: PythonExpression, in scope: ModuleScope, frame: Frame,
                                at location: SourceLocation) -> PythonValue {
        if case .slice(let lower, let upper, let step) = indexExpression.kind {
            let bounds = [lower, upper, step].map { $0.map { evaluate($0, in: scope, frame: frame) } }
            return slice(base, bounds[0], bounds[1], bounds[2], at: location)
        }
        let index = evaluate(indexExpression, in: scope, frame: frame)
        if case .reference("os.environ") = base {
            guard let name = index.stringValue else { return unknownReason(index, at: location) }
            return environmentReference(name: name, lookup: "os.environ[]", defaultValue: nil, cast: .string, castsDefault: false, at: location)
        }
        var failure: PythonValue?
        guard let container = operand(base, at: location, failure: &failure) else { return failure ?? base }
        guard let key = operand(index, at: location, failure: &failure) else { return failure ?? index }
        chargeScan(of: container, at: location)
        switch container {
        case .dict(let entries):
            if let entry = entries.last(where: { Semantics.equal($0.key, key) == true }) { return entry.value }
            return dynamic("key \(Formatting.repr(key) ?? "...") is missing (KeyError when Django starts)", at: location)
        case .list(let items), .tuple(let items):
            guard let position = Containers.position(key, count: items.count) else {
                return dynamic("index \(Formatting.repr(key) ?? "...") is out of range", at: location)
            }
            return items[position]
        case .string(let text):
            let characters = Array(text)
            guard let position = Containers.position(key, count: characters.count) else { return dynamic("string index out of range", at: location) }
            return .string(String(characters[position]))
        default:
            return dynamic("\(container.kindName)[...]", at: location)
        }
    }

    private func slice(_ base: PythonValue, _ lower: PythonValue?, _ upper: PythonValue?, _ step: PythonValue?,
                       at location: SourceLocation) -> PythonValue {
        var failure: PythonValue?
        guard let container = operand(base, at: location, failure: &failure) else { return failure ?? base }
        func bound(_ value: PythonValue?) -> Int?? {
            guard let value else { return .some(nil) }
            if case .none = value { return .some(nil) }
            guard let resolved = value.resolved, let number = Semantics.integer(resolved) else { return nil }
            return .some(number)
        }
        guard let start = bound(lower), let end = bound(upper), let stride = bound(step), stride != 0 else {
            return dynamic("a slice with bounds known only at run time", at: location)
        }
        func pick<T>(_ items: [T]) -> [T] {
            // CPython's slice.indices().
            let count = items.count
            let by = stride ?? 1
            let lower = by > 0 ? 0 : -1
            let upper = by > 0 ? count : count - 1
            func adjust(_ value: Int?, _ fallback: Int) -> Int {
                guard var v = value else { return fallback }
                if v < 0 {
                    v += count
                    if v < lower { v = lower }
                } else if v > upper {
                    v = upper
                }
                return v
            }
            let from = adjust(start, by > 0 ? lower : upper)
            let to = adjust(end, by > 0 ? upper : lower)
            return Swift.stride(from: from, to: to, by: by).map { items[$0] }
        }
        switch container {
        case .list(let items): return .list(pick(items))
        case .tuple(let items): return .tuple(pick(items))
        case .string(let text): return .string(String(pick(Array(text))))
        default: return dynamic("slice of a \(container.kindName)", at: location)
        }
    }

    private func formatted(_ parts: [FormattedStringPart], in scope: ModuleScope, frame: Frame, at location: SourceLocation) -> PythonValue {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal):
                text += literal
            case .field(let expression, let conversion, let specParts):
                let value = evaluate(expression, in: scope, frame: frame)
                var spec = ""
                if !specParts.isEmpty {
                    guard case .string(let specText) = formatted(specParts, in: scope, frame: frame, at: location) else {
                        return dynamic("an f-string format spec known only at run time", at: location)
                    }
                    spec = specText
                }
                var failure: PythonValue?
                guard let known = operand(value, at: location, failure: &failure) else {
                    return failure ?? dynamic("f-string field \(Self.dottedText(expression))", at: location)
                }
                guard let piece = Formatting.formatField(known, conversion: conversion, spec: spec) else {
                    return dynamic("f-string field \(Self.dottedText(expression)) cannot be formatted statically", at: location)
                }
                text += piece
            }
            if text.count > limits.maxStringLength { return dynamic("a string longer than \(limits.maxStringLength) characters", at: location) }
        }
        return .string(text)
    }
}
