/// Parses the Python subset used by settings files into a `PythonModule`. Never throws and never
/// traps: problems become diagnostics with file:line.
public enum PythonParser {
    public static func parse(_ source: String, file: String, limits: SettingsReaderLimits = .standard) -> PythonModule {
        parse(bytes: Array(source.utf8), file: file, limits: limits)
    }

    /// `bytes` as read from disk; size, NUL bytes and encoding are checked here too.
    public static func parse(bytes: [UInt8], file: String, limits: SettingsReaderLimits = .standard) -> PythonModule {
        LargeStack.run { parseOnCurrentThread(bytes: bytes, file: file, limits: limits) }
    }

    static func parseOnCurrentThread(bytes: [UInt8], file: String, limits: SettingsReaderLimits) -> PythonModule {
        func failed(_ error: SettingsError) -> PythonModule {
            PythonModule(file: file, statements: [], diagnostics: [SettingsDiagnostic(.error, error)])
        }
        if bytes.count > limits.maxFileBytes {
            return failed(.fileTooLarge(path: file, bytes: bytes.count, limit: limits.maxFileBytes))
        }
        let text: [UInt8]
        switch SourceFile.decode(bytes, displayPath: file) {
        case .success(let decoded): text = decoded
        case .failure(let error): return failed(error)
        }
        let tokens: [Token]
        do {
            tokens = try Tokenizer.tokenize(text, maxDepth: limits.maxNestingDepth)
        } catch let failure as ParseFailure {
            return failed(failure.settingsError(file: file, limits: limits))
        } catch {
            return failed(.syntaxError(SourceLocation(file: file, line: 1), detail: "unreadable source"))
        }
        var parser = Parser(tokens: tokens, file: file, limits: limits)
        let statements = parser.parseFile()
        return PythonModule(file: file, statements: statements, diagnostics: parser.diagnostics)
    }
}

extension ParseFailure {
    func settingsError(file: String, limits: SettingsReaderLimits) -> SettingsError {
        switch self {
        case .syntax(let line, let message):
            return .syntaxError(SourceLocation(file: file, line: line), detail: message)
        case .tooDeep(let line):
            return .nestingTooDeep(SourceLocation(file: file, line: line), limit: limits.maxNestingDepth)
        }
    }
}

/// Recursive-descent parser over the token list. Recursion is bounded by `limits.maxNestingDepth`
/// (brackets, unary operators, blocks) and `limits.maxExpressionHeight` (operator chains).
struct Parser {
    let tokens: [Token]
    let file: String
    let limits: SettingsReaderLimits
    var position = 0
    var depth = 0
    var diagnostics: [SettingsDiagnostic] = []
    private var stopped = false
    private static let maxSyntaxErrors = 20

    init(tokens: [Token], file: String, limits: SettingsReaderLimits, depth: Int = 0) {
        // The tokenizer always ends the list with `.end`; guard anyway so indexing is always valid.
        self.tokens = tokens.last?.kind == .end ? tokens : tokens + [Token(kind: .end, line: tokens.last?.line ?? 1)]
        self.file = file
        self.limits = limits
        self.depth = depth
    }

    // MARK: - Token helpers

    var current: Token { tokens[min(position, tokens.count - 1)] }

    func peek(_ offset: Int = 1) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func isOp(_ op: String) -> Bool { current.kind == .op(op) }

    func isKeyword(_ word: String) -> Bool { current.kind == .name(word) }

    mutating func accept(_ op: String) -> Bool {
        guard isOp(op) else { return false }
        advance()
        return true
    }

    mutating func acceptKeyword(_ word: String) -> Bool {
        guard isKeyword(word) else { return false }
        advance()
        return true
    }

    mutating func expect(_ op: String) throws {
        guard accept(op) else { throw failure("expected '\(op)'") }
    }

    mutating func expectKeyword(_ word: String) throws {
        guard acceptKeyword(word) else { throw failure("expected '\(word)'") }
    }

    func failure(_ message: String) -> ParseFailure {
        let found: String
        switch current.kind {
        case .name(let name): found = "'\(SettingsError.printable(name, limit: 30))'"
        case .number: found = "a number"
        case .string: found = "a string"
        case .op(let op): found = "'\(op)'"
        case .newline: found = "end of line"
        case .indent: found = "an indented block"
        case .dedent: found = "end of block"
        case .end: found = "end of file"
        }
        return .syntax(line: current.line, message: "\(message), found \(found)")
    }

    func location(_ token: Token) -> SourceLocation { SourceLocation(file: file, line: token.line) }

    var here: SourceLocation { location(current) }

    mutating func enter() throws {
        depth += 1
        if depth > limits.maxNestingDepth { throw ParseFailure.tooDeep(line: current.line) }
    }

    mutating func leave() { depth -= 1 }

    /// Builds a node whose children are `children`, enforcing the height bound.
    func node(_ kind: PythonExpression.Kind, at location: SourceLocation, children: [PythonExpression]) throws -> PythonExpression {
        let height = 1 + (children.map(\.height).max() ?? 0)
        if height > limits.maxExpressionHeight { throw ParseFailure.tooDeep(line: location.line) }
        return PythonExpression(kind, at: location, height: height)
    }

    static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    // MARK: - Statements

    mutating func parseFile() -> [PythonStatement] {
        var statements: [PythonStatement] = []
        while !stopped && current.kind != .end {
            parseStatementRecovering(into: &statements)
        }
        return statements
    }

    /// Parses one statement; on a syntax error records it, keeps the names the line seemed to assign
    /// and resumes at the next statement of the same block.
    private mutating func parseStatementRecovering(into statements: inout [PythonStatement]) {
        let start = position
        let savedDepth = depth
        do {
            if current.kind == .indent { throw ParseFailure.syntax(line: current.line, message: "unexpected indent") }
            if current.kind == .newline { advance(); return }
            statements += try parseStatement()
        } catch let failure as ParseFailure {
            depth = savedDepth
            if case .tooDeep = failure {
                diagnostics.append(SettingsDiagnostic(.error, failure.settingsError(file: file, limits: limits)))
                stopped = true
                return
            }
            if diagnostics.count < Self.maxSyntaxErrors {
                diagnostics.append(SettingsDiagnostic(.error, failure.settingsError(file: file, limits: limits)))
            }
            statements.append(PythonStatement(.unparsable(targets: guessTargets(from: start)),
                                              at: location(tokens[min(start, tokens.count - 1)])))
            recover(from: start)
        } catch {
            stopped = true
        }
    }

    private mutating func recover(from start: Int) {
        if position == start && current.kind != .end && current.kind != .indent { advance() }
        while current.kind != .newline && current.kind != .end && current.kind != .dedent && current.kind != .indent {
            advance()
        }
        if current.kind == .newline { advance() }
        skipIndentedBlock()
    }

    /// Names assigned by a line that failed to parse: `A = ...`, `A, B = ...`, `A["k"] = ...`.
    private func guessTargets(from start: Int) -> [String] {
        var targets: [String] = []
        var segment: [Token] = []
        var level = 0
        var k = start
        while k < tokens.count {
            let token = tokens[k]
            if token.kind == .newline || token.kind == .end || token.kind == .indent || token.kind == .dedent { break }
            if case .op(let op) = token.kind {
                if ["(", "[", "{"].contains(op) { level += 1 }
                if [")", "]", "}"].contains(op) { level -= 1 }
                if op == "=" && level == 0 {
                    if case .name(let first) = segment.first?.kind, !Self.keywords.contains(first) {
                        let rest = segment.dropFirst()
                        if rest.allSatisfy({ if case .name = $0.kind { return true }; return $0.kind == .op(",") }) {
                            for t in segment { if case .name(let n) = t.kind { targets.append(n) } }
                        } else if let next = rest.first, next.kind == .op("[") {
                            targets.append(first)
                        }
                    }
                    segment = []
                    k += 1
                    continue
                }
            }
            segment.append(token)
            k += 1
        }
        return targets
    }

    mutating func parseStatement() throws -> [PythonStatement] {
        if case .name(let word) = current.kind {
            switch word {
            case "if": return [try parseIf()]
            case "try": return [try parseTry()]
            case "with": return [try parseWith()]
            case "def": return [try parseDef()]
            case "class": return [try parseClass()]
            case "for": return [try parseFor()]
            case "while": return [try parseWhile()]
            case "async" where [.name("def"), .name("for"), .name("with")].contains(peek().kind):
                advance()
                return try parseStatement()
            case "match" where isSoftKeywordBlock():
                return [try parseMatch()]
            default: break
            }
        }
        if isOp("@") {
            while accept("@") {
                _ = try parseNamedExpression()
                guard current.kind == .newline else { throw failure("expected end of line after decorator") }
                advance()
            }
            guard isKeyword("def") || isKeyword("class") || isKeyword("async") else {
                throw failure("expected 'def' or 'class' after decorator")
            }
            return try parseStatement()
        }
        var statements = [try parseSimpleStatement()]
        while accept(";") {
            if current.kind == .newline || current.kind == .end { break }
            statements.append(try parseSimpleStatement())
        }
        guard current.kind == .newline || current.kind == .end else {
            throw failure("expected end of statement")
        }
        if current.kind == .newline { advance() }
        return statements
    }

    /// `match x:` / `case y:` followed by an indented block (soft keywords): a simple statement
    /// never ends with ':' before an indented block, so the line's shape decides.
    private func isSoftKeywordBlock() -> Bool {
        var k = position + 1
        while k < tokens.count - 1 {
            if tokens[k].kind == .newline { return tokens[k - 1].kind == .op(":") && tokens[k + 1].kind == .indent }
            k += 1
        }
        return false
    }

    /// `match subject:` with `case pattern:` blocks. Patterns are not modelled, so the statement
    /// becomes an if-chain whose conditions are unknown: every case body is read, and what they
    /// set is conditional.
    private mutating func parseMatch() throws -> PythonStatement {
        let start = here
        skipToEndOfLine()
        guard current.kind == .indent else { throw failure("expected an indented block") }
        advance()
        try enter()
        defer { leave() }
        var branches: [ConditionalBlock] = []
        while isKeyword("case") {
            let test = PythonExpression(.opaque(.matchCase), at: here)
            skipToBlockColon()
            branches.append(ConditionalBlock(test: test, body: try parseBlock()))
        }
        guard current.kind == .dedent else { throw failure("expected 'case'") }
        advance()
        return PythonStatement(.ifChain(branches: branches, orElse: nil), at: start)
    }

    /// Skips the rest of a logical line, including its NEWLINE.
    private mutating func skipToEndOfLine() {
        while current.kind != .newline && current.kind != .end { advance() }
        if current.kind == .newline { advance() }
    }

    /// Skips a `case` pattern and guard up to the first ':' outside brackets (patterns have none).
    private mutating func skipToBlockColon() {
        var level = 0
        while current.kind != .newline && current.kind != .end {
            if case .op(let op) = current.kind {
                if ["(", "[", "{"].contains(op) { level += 1 }
                if [")", "]", "}"].contains(op) { level -= 1 }
                if op == ":" && level == 0 {
                    advance()
                    return
                }
            }
            advance()
        }
    }

    /// Skips an INDENT ... DEDENT block (with the blocks nested in it), if one starts here.
    private mutating func skipIndentedBlock() {
        guard current.kind == .indent else { return }
        var level = 0
        repeat {
            if current.kind == .indent { level += 1 }
            if current.kind == .dedent { level -= 1 }
            advance()
        } while level > 0 && current.kind != .end
    }

    /// The body after a `:`: an indented block, or simple statements on the same line.
    mutating func parseBlock() throws -> [PythonStatement] {
        try enter()
        defer { leave() }
        if current.kind == .newline {
            advance()
            guard current.kind == .indent else { throw failure("expected an indented block") }
            advance()
            var body: [PythonStatement] = []
            while !stopped && current.kind != .dedent && current.kind != .end {
                parseStatementRecovering(into: &body)
            }
            if current.kind == .dedent { advance() }
            if stopped { throw ParseFailure.tooDeep(line: current.line) }
            return body
        }
        return try parseStatement()
    }

    private mutating func parseIf() throws -> PythonStatement {
        let start = here
        advance()
        var branches: [ConditionalBlock] = []
        let test = try parseNamedExpression()
        try expect(":")
        branches.append(ConditionalBlock(test: test, body: try parseBlock()))
        var orElse: [PythonStatement]?
        while true {
            if acceptKeyword("elif") {
                let test = try parseNamedExpression()
                try expect(":")
                branches.append(ConditionalBlock(test: test, body: try parseBlock()))
            } else if acceptKeyword("else") {
                try expect(":")
                orElse = try parseBlock()
                break
            } else {
                break
            }
        }
        return PythonStatement(.ifChain(branches: branches, orElse: orElse), at: start)
    }

    private mutating func parseTry() throws -> PythonStatement {
        let start = here
        advance()
        try expect(":")
        let body = try parseBlock()
        var handlers: [ExceptHandler] = []
        while isKeyword("except") {
            let handlerStart = here
            advance()
            _ = accept("*")
            var type: PythonExpression?
            var name: String?
            if !isOp(":") {
                type = try parseTest()
                if isOp(",") {
                    // `except A, B:` (Python 2) is a syntax error; `except (A, B):` is the Python 3 form.
                    throw failure("expected ':' (write 'except (A, B):' for several exceptions)")
                }
                if acceptKeyword("as") {
                    guard case .name(let n) = current.kind else { throw failure("expected a name after 'as'") }
                    name = n
                    advance()
                }
            }
            try expect(":")
            handlers.append(ExceptHandler(type: type, name: name, body: try parseBlock(), location: handlerStart))
        }
        var orElse: [PythonStatement] = []
        if acceptKeyword("else") {
            try expect(":")
            orElse = try parseBlock()
        }
        var finally: [PythonStatement] = []
        if acceptKeyword("finally") {
            try expect(":")
            finally = try parseBlock()
        }
        if handlers.isEmpty && finally.isEmpty { throw failure("expected 'except' or 'finally'") }
        return PythonStatement(.tryBlock(body: body, handlers: handlers, orElse: orElse, finally: finally), at: start)
    }

    private mutating func parseWith() throws -> PythonStatement {
        let start = here
        advance()
        var items: [WithItem] = []
        repeat {
            let context = try parseTest()
            var target: PythonExpression?
            if acceptKeyword("as") { target = try parseTarget() }
            items.append(WithItem(context: context, target: target))
        } while accept(",")
        try expect(":")
        return PythonStatement(.with(items: items, body: try parseBlock()), at: start)
    }

    private mutating func parseDef() throws -> PythonStatement {
        let start = here
        advance()
        guard case .name(let name) = current.kind, !Self.keywords.contains(name) else { throw failure("expected a function name") }
        advance()
        if isOp("[") { try skipBalanced() }  // type parameters (3.12)
        guard isOp("(") else { throw failure("expected '('") }
        try skipBalanced()
        if accept("->") { _ = try parseTest() }
        try expect(":")
        return PythonStatement(.functionDefinition(name: name, body: try parseBlock()), at: start)
    }

    private mutating func parseClass() throws -> PythonStatement {
        let start = here
        advance()
        guard case .name(let name) = current.kind, !Self.keywords.contains(name) else { throw failure("expected a class name") }
        advance()
        if isOp("[") { try skipBalanced() }
        var bases: [CallArgument] = []
        if accept("(") { bases = try parseArguments() }
        try expect(":")
        return PythonStatement(.classDefinition(name: name, bases: bases, body: try parseBlock()), at: start)
    }

    private mutating func parseFor() throws -> PythonStatement {
        let start = here
        advance()
        let target = try parseTargetList()
        try expectKeyword("in")
        let iterable = try parseExpressionList()
        try expect(":")
        let body = try parseBlock()
        var orElse: [PythonStatement] = []
        if acceptKeyword("else") {
            try expect(":")
            orElse = try parseBlock()
        }
        return PythonStatement(.forLoop(target: target, iterable: iterable, body: body, orElse: orElse), at: start)
    }

    private mutating func parseWhile() throws -> PythonStatement {
        let start = here
        advance()
        let test = try parseNamedExpression()
        try expect(":")
        let body = try parseBlock()
        var orElse: [PythonStatement] = []
        if acceptKeyword("else") {
            try expect(":")
            orElse = try parseBlock()
        }
        return PythonStatement(.whileLoop(test: test, body: body, orElse: orElse), at: start)
    }

    /// Skips a bracketed group (the tokenizer guarantees brackets balance).
    mutating func skipBalanced() throws {
        var level = 0
        repeat {
            if case .op(let op) = current.kind {
                if ["(", "[", "{"].contains(op) { level += 1 }
                if [")", "]", "}"].contains(op) { level -= 1 }
            }
            if current.kind == .end { throw failure("unexpected end of file") }
            advance()
        } while level > 0
    }

    // MARK: - Simple statements

    private mutating func parseSimpleStatement() throws -> PythonStatement {
        let start = here
        if case .name(let word) = current.kind {
            switch word {
            case "pass":
                advance()
                return PythonStatement(.pass, at: start)
            case "break", "continue":
                advance()
                return PythonStatement(.other(word), at: start)
            case "return":
                advance()
                if current.kind != .newline && current.kind != .end && !isOp(";") { _ = try parseExpressionList(allowStar: true) }
                return PythonStatement(.other(word), at: start)
            case "raise":
                advance()
                var exception: PythonExpression?
                if current.kind != .newline && current.kind != .end && !isOp(";") {
                    exception = try parseTest()
                    if acceptKeyword("from") { _ = try parseTest() }
                }
                return PythonStatement(.raise(exception), at: start)
            case "global", "nonlocal":
                advance()
                var names: [String] = []
                repeat {
                    guard case .name(let n) = current.kind else { throw failure("expected a name") }
                    names.append(n)
                    advance()
                } while accept(",")
                return PythonStatement(word == "global" ? .global(names) : .other(word), at: start)
            case "del":
                advance()
                var targets: [PythonExpression] = []
                repeat {
                    if current.kind == .newline || isOp(";") { break }
                    targets.append(try parseTarget())
                } while accept(",")
                return PythonStatement(.delete(targets), at: start)
            case "assert":
                advance()
                _ = try parseTest()
                if accept(",") { _ = try parseTest() }
                return PythonStatement(.other(word), at: start)
            case "import":
                return try parseImport()
            case "from":
                return try parseFromImport()
            default:
                break
            }
        }
        return try parseExpressionStatement()
    }

    private mutating func parseDottedName() throws -> String {
        guard case .name(let first) = current.kind, !Self.keywords.contains(first) else { throw failure("expected a module name") }
        advance()
        var parts = [first]
        while accept(".") {
            guard case .name(let part) = current.kind else { throw failure("expected a name after '.'") }
            parts.append(part)
            advance()
        }
        return parts.joined(separator: ".")
    }

    private mutating func parseAlias() throws -> String? {
        guard acceptKeyword("as") else { return nil }
        guard case .name(let alias) = current.kind, !Self.keywords.contains(alias) else { throw failure("expected a name after 'as'") }
        advance()
        return alias
    }

    private mutating func parseImport() throws -> PythonStatement {
        let start = here
        advance()
        var modules: [ImportedModule] = []
        repeat {
            let module = try parseDottedName()
            modules.append(ImportedModule(module: module, alias: try parseAlias()))
        } while accept(",")
        return PythonStatement(.importModules(modules), at: start)
    }

    private mutating func parseFromImport() throws -> PythonStatement {
        let start = here
        advance()
        var level = 0
        while true {
            if accept(".") { level += 1 } else if accept("...") { level += 3 } else { break }
        }
        var module = ""
        if !isKeyword("import") { module = try parseDottedName() }
        if level == 0 && module.isEmpty { throw failure("expected a module name") }
        try expectKeyword("import")
        if accept("*") { return PythonStatement(.importFrom(module: module, level: level, names: .star), at: start) }
        let parenthesized = accept("(")
        var names: [ImportedName] = []
        repeat {
            if parenthesized && isOp(")") { break }
            guard case .name(let name) = current.kind, !Self.keywords.contains(name) else { throw failure("expected a name to import") }
            advance()
            names.append(ImportedName(name: name, alias: try parseAlias()))
        } while accept(",")
        if parenthesized { try expect(")") }
        return PythonStatement(.importFrom(module: module, level: level, names: .names(names)), at: start)
    }

    private static let augmentedOperators: [String: BinaryOperator] = [
        "+=": .add, "-=": .subtract, "*=": .multiply, "/=": .divide, "//=": .floorDivide, "%=": .modulo,
        "**=": .power, "@=": .matrixMultiply, "|=": .bitOr, "&=": .bitAnd, "^=": .bitXor, "<<=": .shiftLeft, ">>=": .shiftRight,
    ]

    private mutating func parseExpressionStatement() throws -> PythonStatement {
        let start = here
        let first = try parseExpressionList(allowStar: true, allowYield: true)
        if isOp("=") {
            var targets = [first]
            var value = first
            while accept("=") {
                value = try parseExpressionList(allowStar: true, allowYield: true)
                targets.append(value)
            }
            targets.removeLast()
            for target in targets { try checkAssignable(target) }
            return PythonStatement(.assignment(targets: targets, value: value), at: start)
        }
        if case .op(let op) = current.kind, let binary = Self.augmentedOperators[op] {
            advance()
            try checkAssignable(first, allowTuple: false)
            let value = try parseExpressionList(allowYield: true)
            return PythonStatement(.augmentedAssignment(target: first, op: binary, value: value), at: start)
        }
        if accept(":") {
            try checkAssignable(first, allowTuple: false)
            _ = try parseTest()
            var value: PythonExpression?
            if accept("=") { value = try parseExpressionList(allowStar: true, allowYield: true) }
            return PythonStatement(.annotatedAssignment(target: first, value: value), at: start)
        }
        return PythonStatement(.expression(first), at: start)
    }

    private func checkAssignable(_ target: PythonExpression, allowTuple: Bool = true) throws {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple(let items), .list(let items):
            guard allowTuple else { break }
            for item in items { try checkAssignable(item) }
            return
        case .starred(let inner):
            guard allowTuple else { break }
            try checkAssignable(inner)
            return
        default:
            break
        }
        throw ParseFailure.syntax(line: target.location.line, message: "cannot assign to this expression")
    }
}
