import Foundation

/// Unary, binary and comparison operators over known values, with Python's rules for numbers,
/// strings, sequences, dicts, sets and `pathlib` paths. Overflow and errors give dynamic values.
extension Interpreter {
    func unary(_ op: UnaryOperator, _ value: PythonValue, at location: SourceLocation) -> PythonValue {
        if op == .not {
            guard let truth = truthiness(value) else { return unknownReason(value, at: location) }
            return .bool(!truth)
        }
        var failure: PythonValue?
        guard let known = operand(value, at: location, failure: &failure) else { return failure ?? value }
        switch (op, known) {
        case (.minus, .float(let d)): return .float(-d)
        case (.plus, .float(let d)): return .float(d)
        default:
            guard let i = Semantics.integer(known) else { return dynamic("\(op.rawValue)\(known.kindName) is not supported", at: location) }
            switch op {
            case .minus:
                let (negated, overflow) = (0).subtractingReportingOverflow(i)
                return overflow ? dynamic("integer too large", at: location) : .int(negated)
            case .plus: return .int(i)
            case .invert: return .int(~i)
            case .not: return .bool(i == 0)
            }
        }
    }

    func binary(_ op: BinaryOperator, _ left: PythonValue, _ right: PythonValue, at location: SourceLocation) -> PythonValue {
        var failure: PythonValue?
        let a = operand(left, at: location, failure: &failure)
        let b = operand(right, at: location, failure: &failure)
        guard let a, let b else { return failure ?? dynamic("an unknown operand", at: location) }
        let unsupported = dynamic("\(a.kindName) \(op.rawValue) \(b.kindName) is not supported", at: location)
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)):
            return string(x + y, at: location)
        case (.add, .list(let x), .list(let y)):
            return .list(x + y)
        case (.add, .tuple(let x), .tuple(let y)):
            return .tuple(x + y)
        case (.multiply, .string(let x), _), (.multiply, _, .string(let x)):
            guard let n = Semantics.integer(op == .multiply && isString(a) ? b : a) else { return unsupported }
            if x.isEmpty || n <= 0 { return .string("") }
            guard x.count <= limits.maxStringLength / n else { return dynamic("a string longer than \(limits.maxStringLength) characters", at: location) }
            return .string(n > 0 ? String(repeating: x, count: n) : "")
        case (.multiply, .list(let x), _), (.multiply, .tuple(let x), _):
            guard let n = Semantics.integer(b) else { return unsupported }
            guard x.isEmpty || n <= 0 || x.count <= limits.maxValueElements / n else { return dynamic("a list with more than \(limits.maxValueElements) items", at: location) }
            let repeated = n > 0 && !x.isEmpty ? Array([[PythonValue]](repeating: x, count: n).joined()) : []
            if case .tuple = a { return .tuple(repeated) }
            return .list(repeated)
        case (.divide, .path(let p), .string(let s)), (.divide, .path(let p), .path(let s)), (.divide, .string(let p), .path(let s)):
            return .path(PosixPath.pure(PosixPath.join([p, s])))
        case (.modulo, .string(let format), _):
            guard let text = Formatting.percent(format, b) else { return dynamic("%-formatting known only at run time", at: location) }
            return string(text, at: location)
        case (.bitOr, .dict(let x), .dict(let y)):
            var merged = DictionaryBuilder(x)
            merged.merge(y)
            return .dict(merged.entries)
        case (.bitOr, .set(let x), .set(let y)):
            return .set(Semantics.deduplicated(x + y))
        case (.subtract, .set(let x), .set(let y)):
            return .set(x.filter { item in !y.contains { Semantics.equal($0, item) == true } })
        case (.bitAnd, .set(let x), .set(let y)):
            return .set(x.filter { item in y.contains { Semantics.equal($0, item) == true } })
        default:
            return arithmetic(op, a, b, at: location) ?? unsupported
        }
    }

    private func isString(_ value: PythonValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private func string(_ text: String, at location: SourceLocation) -> PythonValue {
        tick(text.utf8.count / 64, at: location)
        return text.utf8.count > limits.maxStringLength * 4 || text.count > limits.maxStringLength
            ? dynamic("a string longer than \(limits.maxStringLength) characters", at: location) : .string(text)
    }

    private func arithmetic(_ op: BinaryOperator, _ a: PythonValue, _ b: PythonValue, at location: SourceLocation) -> PythonValue? {
        let tooLarge = dynamic("integer too large", at: location)
        let divisionByZero = dynamic("division by zero", at: location)
        if let x = Semantics.integer(a), let y = Semantics.integer(b) {
            func checked(_ result: (partialValue: Int, overflow: Bool)) -> PythonValue {
                result.overflow ? tooLarge : .int(result.partialValue)
            }
            switch op {
            case .add: return checked(x.addingReportingOverflow(y))
            case .subtract: return checked(x.subtractingReportingOverflow(y))
            case .multiply: return checked(x.multipliedReportingOverflow(by: y))
            case .divide: return y == 0 ? divisionByZero : .float(Double(x) / Double(y))
            case .floorDivide:
                guard y != 0 else { return divisionByZero }
                guard !(x == .min && y == -1) else { return tooLarge }
                var quotient = x / y
                if x % y != 0 && ((x < 0) != (y < 0)) { quotient -= 1 }
                return .int(quotient)
            case .modulo:
                guard y != 0 else { return divisionByZero }
                guard !(x == .min && y == -1) else { return .int(0) }
                var remainder = x % y
                if remainder != 0 && ((remainder < 0) != (y < 0)) { remainder += y }
                return .int(remainder)
            case .power:
                if y < 0 { return .float(pow(Double(x), Double(y))) }
                var result = 1, base = x, exponent = y
                while exponent > 0 {
                    if exponent & 1 == 1 {
                        let (r, o) = result.multipliedReportingOverflow(by: base)
                        if o { return tooLarge }
                        result = r
                    }
                    exponent >>= 1
                    if exponent > 0 {
                        let (s, o) = base.multipliedReportingOverflow(by: base)
                        if o { return tooLarge }
                        base = s
                    }
                }
                return .int(result)
            case .bitOr: return .int(x | y)
            case .bitAnd: return .int(x & y)
            case .bitXor: return .int(x ^ y)
            case .shiftLeft:
                guard y >= 0 else { return dynamic("negative shift count", at: location) }
                guard y < 63, x == (x << y) >> y else { return tooLarge }
                return .int(x << y)
            case .shiftRight:
                guard y >= 0 else { return dynamic("negative shift count", at: location) }
                return .int(y >= 63 ? (x < 0 ? -1 : 0) : x >> y)
            case .matrixMultiply: return nil
            }
        }
        guard let x = Semantics.double(a), let y = Semantics.double(b) else { return nil }
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide: return y == 0 ? divisionByZero : .float(x / y)
        case .floorDivide: return y == 0 ? divisionByZero : .float((x / y).rounded(.down))
        case .modulo:
            guard y != 0 else { return divisionByZero }
            let r = x.truncatingRemainder(dividingBy: y)
            return .float(r != 0 && ((r < 0) != (y < 0)) ? r + y : r)
        case .power: return .float(pow(x, y))
        default: return nil
        }
    }

    /// nil when the answer is not known statically.
    func compare(_ op: ComparisonStep.Operator, _ left: PythonValue, _ right: PythonValue, at location: SourceLocation) -> Bool? {
        if case .reference("os.environ") = right, op == .in || op == .notIn, let name = left.stringValue {
            environmentReads += 1
            let isSet = environment.isSet(name)
            return op == .in ? isSet : !isSet
        }
        switch op {
        case .equal: return equal(left, right)
        case .notEqual: return equal(left, right).map { !$0 }
        case .is, .isNot:
            guard let a = resolve(left), let b = resolve(right) else { return nil }
            var same: Bool?
            switch (a, b) {
            case (.none, .none): same = true
            case (.bool(let x), .bool(let y)): same = x == y
            case (.none, .dynamic), (.dynamic, .none), (.none, .reference), (.reference, .none), (.none, .env), (.env, .none): same = nil
            case (.none, _), (_, .none): same = false
            default: same = nil
            }
            return op == .is ? same : same.map { !$0 }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let a = resolve(left), let b = resolve(right), let order = Semantics.order(a, b) else { return nil }
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        case .in, .notIn:
            guard let a = resolve(left), let b = resolve(right) else { return nil }
            chargeScan(of: b, at: location)
            guard let found = Semantics.contains(b, a) else { return nil }
            return op == .in ? found : !found
        }
    }

    private func equal(_ left: PythonValue, _ right: PythonValue) -> Bool? {
        guard let a = resolve(left), let b = resolve(right) else { return nil }
        return Semantics.equal(a, b)
    }
}
