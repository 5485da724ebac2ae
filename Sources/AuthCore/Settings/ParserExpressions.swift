/// Expression grammar (Python 3.12), precedence from lowest to highest:
/// lambda, `x if c else y`, `or`, `and`, `not`, comparisons, `|`, `^`, `&`, shifts, `+ -`,
/// `* / // % @`, unary, `**`, `await`, trailers (`.name`, calls, subscripts), atoms.
extension Parser {
    /// A comma-separated list (a tuple when it has a comma), as on either side of `=`.
    mutating func parseExpressionList(allowStar: Bool = false, allowYield: Bool = false) throws -> PythonExpression {
        if allowYield && isKeyword("yield") { return try parseYield() }
        let start = here
        let first = try parseListItem(allowStar: allowStar)
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if !canStartExpression { break }
            items.append(try parseListItem(allowStar: allowStar))
        }
        return try node(.tuple(items), at: start, children: items)
    }

    private static let expressionStartOperators: Set<String> = ["(", "[", "{", "-", "+", "~", "*", "..."]
    private static let expressionStartKeywords: Set<String> = ["None", "True", "False", "not", "lambda", "await", "yield"]

    var canStartExpression: Bool {
        switch current.kind {
        case .name(let word):
            return !Self.keywords.contains(word) || Self.expressionStartKeywords.contains(word)
        case .number, .string: return true
        case .op(let op): return Self.expressionStartOperators.contains(op)
        default: return false
        }
    }

    mutating func parseListItem(allowStar: Bool) throws -> PythonExpression {
        if allowStar && isOp("*") {
            let start = here
            advance()
            let inner = try parseBitOr()
            return try node(.starred(inner), at: start, children: [inner])
        }
        return try parseNamedExpression()
    }

    private mutating func parseYield() throws -> PythonExpression {
        let start = here
        advance()
        var children: [PythonExpression] = []
        if acceptKeyword("from") {
            children.append(try parseTest())
        } else if canStartExpression {
            children.append(try parseExpressionList(allowStar: true))
        }
        return try node(.opaque(.yield), at: start, children: children)
    }

    /// `name := value` or an ordinary expression.
    mutating func parseNamedExpression() throws -> PythonExpression {
        if case .name(let name) = current.kind, !Self.keywords.contains(name), peek().kind == .op(":=") {
            let start = here
            advance()
            advance()
            let value = try parseTest()
            return try node(.opaque(.assignmentExpression), at: start, children: [value])
        }
        return try parseTest()
    }

    /// Nesting is counted where the grammar recurses into itself (brackets, unary operators,
    /// `not`, `**`, `lambda` bodies, `else` branches), once per level.
    mutating func parseTest() throws -> PythonExpression {
        if isKeyword("lambda") { return try parseLambda() }
        let body = try parseOrTest()
        guard acceptKeyword("if") else { return body }
        let test = try parseOrTest()
        try expectKeyword("else")
        try enter()
        defer { leave() }
        let orElse = try parseTest()
        return try node(.conditional(body: body, test: test, orElse: orElse), at: body.location, children: [body, test, orElse])
    }

    /// The parameters are skipped; the body is parsed so that the expression's end is found.
    private mutating func parseLambda() throws -> PythonExpression {
        let start = here
        advance()
        var level = 0
        while !(level == 0 && isOp(":")) {
            switch current.kind {
            case .newline, .end: throw failure("expected ':' in lambda")
            case .op(let op) where ["(", "[", "{"].contains(op): level += 1
            case .op(let op) where [")", "]", "}"].contains(op):
                level -= 1
                if level < 0 { throw failure("expected ':' in lambda") }
            default: break
            }
            advance()
        }
        advance()
        try enter()
        defer { leave() }
        let body = try parseTest()
        return try node(.opaque(.lambda), at: start, children: [body])
    }

    private mutating func parseOrTest() throws -> PythonExpression {
        var left = try parseAndTest()
        while acceptKeyword("or") {
            let right = try parseAndTest()
            left = try node(.logical(.or, left, right), at: left.location, children: [left, right])
        }
        return left
    }

    private mutating func parseAndTest() throws -> PythonExpression {
        var left = try parseNotTest()
        while acceptKeyword("and") {
            let right = try parseNotTest()
            left = try node(.logical(.and, left, right), at: left.location, children: [left, right])
        }
        return left
    }

    private mutating func parseNotTest() throws -> PythonExpression {
        guard isKeyword("not") else { return try parseComparison() }
        let start = here
        advance()
        try enter()
        defer { leave() }
        let operand = try parseNotTest()
        return try node(.unary(.not, operand), at: start, children: [operand])
    }

    private static let comparisonOperators: [String: ComparisonStep.Operator] = [
        "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    private mutating func parseComparison() throws -> PythonExpression {
        let left = try parseBitOr()
        var steps: [ComparisonStep] = []
        while true {
            let op: ComparisonStep.Operator
            if case .op(let text) = current.kind, let known = Self.comparisonOperators[text] {
                advance()
                op = known
            } else if acceptKeyword("in") {
                op = .in
            } else if isKeyword("not") && peek().kind == .name("in") {
                advance()
                advance()
                op = .notIn
            } else if acceptKeyword("is") {
                op = acceptKeyword("not") ? .isNot : .is
            } else {
                break
            }
            steps.append(ComparisonStep(op: op, right: try parseBitOr()))
        }
        if steps.isEmpty { return left }
        return try node(.comparison(left, steps), at: left.location, children: [left] + steps.map(\.right))
    }

    private mutating func parseBinary(_ operators: [String: BinaryOperator],
                                      operand: (inout Parser) throws -> PythonExpression) throws -> PythonExpression {
        var left = try operand(&self)
        while case .op(let text) = current.kind, let op = operators[text] {
            advance()
            let right = try operand(&self)
            left = try node(.binary(op, left, right), at: left.location, children: [left, right])
        }
        return left
    }

    private static let bitOrOperators: [String: BinaryOperator] = ["|": .bitOr]
    private static let bitXorOperators: [String: BinaryOperator] = ["^": .bitXor]
    private static let bitAndOperators: [String: BinaryOperator] = ["&": .bitAnd]
    private static let shiftOperators: [String: BinaryOperator] = ["<<": .shiftLeft, ">>": .shiftRight]
    private static let arithmeticOperators: [String: BinaryOperator] = ["+": .add, "-": .subtract]
    private static let termOperators: [String: BinaryOperator] = [
        "*": .multiply, "/": .divide, "//": .floorDivide, "%": .modulo, "@": .matrixMultiply,
    ]
    private static let unaryOperators: [String: UnaryOperator] = ["-": .minus, "+": .plus, "~": .invert]

    mutating func parseBitOr() throws -> PythonExpression {
        try parseBinary(Self.bitOrOperators) { try $0.parseBitXor() }
    }

    private mutating func parseBitXor() throws -> PythonExpression {
        try parseBinary(Self.bitXorOperators) { try $0.parseBitAnd() }
    }

    private mutating func parseBitAnd() throws -> PythonExpression {
        try parseBinary(Self.bitAndOperators) { try $0.parseShift() }
    }

    private mutating func parseShift() throws -> PythonExpression {
        try parseBinary(Self.shiftOperators) { try $0.parseArithmetic() }
    }

    private mutating func parseArithmetic() throws -> PythonExpression {
        try parseBinary(Self.arithmeticOperators) { try $0.parseTerm() }
    }

    private mutating func parseTerm() throws -> PythonExpression {
        try parseBinary(Self.termOperators) { try $0.parseFactor() }
    }

    private mutating func parseFactor() throws -> PythonExpression {
        guard case .op(let text) = current.kind, let op = Self.unaryOperators[text] else { return try parsePower() }
        let start = here
        advance()
        try enter()
        defer { leave() }
        let operand = try parseFactor()
        return try node(.unary(op, operand), at: start, children: [operand])
    }

    private mutating func parsePower() throws -> PythonExpression {
        if isKeyword("await") {
            let start = here
            advance()
            let operand = try parsePrimary()
            return try node(.opaque(.await), at: start, children: [operand])
        }
        let base = try parsePrimary()
        guard accept("**") else { return base }
        try enter()
        defer { leave() }
        let exponent = try parseFactor()
        return try node(.binary(.power, base, exponent), at: base.location, children: [base, exponent])
    }

    private mutating func parsePrimary() throws -> PythonExpression {
        var value = try parseAtom()
        while true {
            if accept(".") {
                guard case .name(let attribute) = current.kind else { throw failure("expected a name after '.'") }
                advance()
                value = try node(.attribute(value, attribute), at: value.location, children: [value])
            } else if accept("(") {
                try enter()
                let arguments = try parseArguments()
                leave()
                value = try node(.call(value, arguments), at: value.location, children: [value] + arguments.map(\.value))
            } else if accept("[") {
                try enter()
                let index = try parseSubscriptList()
                leave()
                try expect("]")
                value = try node(.subscript(value, index), at: value.location, children: [value, index])
            } else {
                return value
            }
        }
    }

    /// Arguments after the opening '(' up to and including the closing ')'.
    mutating func parseArguments() throws -> [CallArgument] {
        var arguments: [CallArgument] = []
        while !isOp(")") {
            if accept("*") {
                arguments.append(CallArgument(kind: .unpack, value: try parseTest()))
            } else if accept("**") {
                arguments.append(CallArgument(kind: .unpackKeywords, value: try parseTest()))
            } else if case .name(let name) = current.kind, !Self.keywords.contains(name), peek().kind == .op("=") {
                advance()
                advance()
                arguments.append(CallArgument(kind: .keyword(name), value: try parseTest()))
            } else {
                var value = try parseNamedExpression()
                if isComprehensionStart {
                    try parseComprehensionTail()
                    value = try node(.opaque(.generator), at: value.location, children: [value])
                }
                arguments.append(CallArgument(kind: .positional, value: value))
            }
            if !accept(",") { break }
        }
        try expect(")")
        return arguments
    }

    private mutating func parseSubscriptList() throws -> PythonExpression {
        let start = here
        let first = try parseSubscriptItem()
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if isOp("]") { break }
            items.append(try parseSubscriptItem())
        }
        return try node(.tuple(items), at: start, children: items)
    }

    private mutating func parseSubscriptItem() throws -> PythonExpression {
        let start = here
        var lower: PythonExpression?
        if !isOp(":") {
            let item = try parseListItem(allowStar: true)
            guard isOp(":") else { return item }
            lower = item
        }
        advance()
        var upper: PythonExpression?
        var step: PythonExpression?
        if !isOp("]") && !isOp(",") && !isOp(":") { upper = try parseTest() }
        if accept(":") && !isOp("]") && !isOp(",") { step = try parseTest() }
        return try node(.slice(lower, upper, step), at: start, children: [lower, upper, step].compactMap { $0 })
    }

    private var isComprehensionStart: Bool {
        isKeyword("for") || (isKeyword("async") && peek().kind == .name("for"))
    }

    /// `for targets in iterable [if condition]...`, repeated; parsed to find the end, then dropped.
    private mutating func parseComprehensionTail() throws {
        while isComprehensionStart {
            _ = acceptKeyword("async")
            advance()
            _ = try parseTargetList()
            try expectKeyword("in")
            _ = try parseOrTest()
            while acceptKeyword("if") {
                if isKeyword("lambda") { _ = try parseLambda() } else { _ = try parseOrTest() }
            }
        }
    }

    /// Targets of `for`: `x`, `x, y`, `(x, y)`, `*rest`.
    mutating func parseTargetList() throws -> PythonExpression {
        let start = here
        let first = try parseListItem(allowStar: true, targetOnly: true)
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if isKeyword("in") || isOp("=") { break }
            items.append(try parseListItem(allowStar: true, targetOnly: true))
        }
        return try node(.tuple(items), at: start, children: items)
    }

    private mutating func parseListItem(allowStar: Bool, targetOnly: Bool) throws -> PythonExpression {
        if allowStar && isOp("*") {
            let start = here
            advance()
            let inner = try parseBitOr()
            return try node(.starred(inner), at: start, children: [inner])
        }
        return try parseBitOr()
    }

    /// A single target of `del` or `with ... as`.
    mutating func parseTarget() throws -> PythonExpression { try parseBitOr() }

    // MARK: - Atoms

    private mutating func parseAtom() throws -> PythonExpression {
        let start = here
        switch current.kind {
        case .name(let name):
            switch name {
            case "None":
                advance()
                return PythonExpression(.none, at: start)
            case "True", "False":
                advance()
                return PythonExpression(.boolean(name == "True"), at: start)
            default:
                guard !Self.keywords.contains(name) else { throw failure("expected an expression") }
                advance()
                return PythonExpression(.name(name), at: start)
            }
        case .number(let literal):
            advance()
            switch literal {
            case .int(let value): return PythonExpression(.integer(value), at: start)
            case .float(let value): return PythonExpression(.float(value), at: start)
            case .other(let text): return PythonExpression(.unrepresentableNumber(text), at: start)
            }
        case .string:
            return try parseStrings()
        case .op("("):
            return try parseParenthesized()
        case .op("["):
            return try parseListDisplay()
        case .op("{"):
            return try parseBraceDisplay()
        case .op("..."):
            advance()
            return PythonExpression(.ellipsis, at: start)
        default:
            throw failure("expected an expression")
        }
    }

    private mutating func parseParenthesized() throws -> PythonExpression {
        let start = here
        advance()
        try enter()
        defer { leave() }
        if accept(")") { return PythonExpression(.tuple([]), at: start) }
        if isKeyword("yield") {
            let value = try parseYield()
            try expect(")")
            return value
        }
        let first = try parseListItem(allowStar: true)
        if isComprehensionStart {
            try parseComprehensionTail()
            try expect(")")
            return try node(.opaque(.generator), at: start, children: [first])
        }
        guard isOp(",") else {
            try expect(")")
            return first
        }
        var items = [first]
        while accept(",") {
            if isOp(")") { break }
            items.append(try parseListItem(allowStar: true))
        }
        try expect(")")
        return try node(.tuple(items), at: start, children: items)
    }

    private mutating func parseListDisplay() throws -> PythonExpression {
        let start = here
        advance()
        try enter()
        defer { leave() }
        if accept("]") { return PythonExpression(.list([]), at: start) }
        let first = try parseListItem(allowStar: true)
        if isComprehensionStart {
            try parseComprehensionTail()
            try expect("]")
            return try node(.opaque(.listComprehension), at: start, children: [first])
        }
        var items = [first]
        while accept(",") {
            if isOp("]") { break }
            items.append(try parseListItem(allowStar: true))
        }
        try expect("]")
        return try node(.list(items), at: start, children: items)
    }

    private mutating func parseBraceDisplay() throws -> PythonExpression {
        let start = here
        advance()
        try enter()
        defer { leave() }
        if accept("}") { return PythonExpression(.dict([]), at: start) }
        var isDict = isOp("**")
        var firstItem: DictionaryItem?
        var setItems: [PythonExpression] = []
        if accept("**") {
            firstItem = .unpack(try parseBitOr())
        } else {
            let first = try parseListItem(allowStar: true)
            if accept(":") {
                isDict = true
                let value = try parseTest()
                if isComprehensionStart {
                    try parseComprehensionTail()
                    try expect("}")
                    return try node(.opaque(.dictComprehension), at: start, children: [first, value])
                }
                firstItem = .pair(key: first, value: value)
            } else {
                if isComprehensionStart {
                    try parseComprehensionTail()
                    try expect("}")
                    return try node(.opaque(.setComprehension), at: start, children: [first])
                }
                setItems.append(first)
            }
        }
        if isDict {
            var items = firstItem.map { [$0] } ?? []
            while accept(",") {
                if isOp("}") { break }
                if accept("**") {
                    items.append(.unpack(try parseBitOr()))
                } else {
                    let key = try parseTest()
                    try expect(":")
                    items.append(.pair(key: key, value: try parseTest()))
                }
            }
            try expect("}")
            let children = items.flatMap { item -> [PythonExpression] in
                switch item {
                case .pair(let key, let value): return [key, value]
                case .unpack(let mapping): return [mapping]
                }
            }
            return try node(.dict(items), at: start, children: children)
        }
        while accept(",") {
            if isOp("}") { break }
            setItems.append(try parseListItem(allowStar: true))
        }
        try expect("}")
        return try node(.set(setItems), at: start, children: setItems)
    }
}
