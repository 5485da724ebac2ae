/// Splits Python source (valid UTF-8 bytes) into tokens, producing INDENT/DEDENT/NEWLINE the way
/// Python does: newlines inside brackets and after a backslash join lines, blank and comment-only
/// lines are ignored, tabs advance to the next multiple of 8. Bracket nesting is bounded.
struct Tokenizer {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var i = 0
    private var line: Int
    private var tokens: [Token] = []
    private var indents: [Int] = [0]
    private var brackets: [(open: UInt8, line: Int)] = []
    private var atLineStart = true
    private var lineHasTokens = false

    private init(bytes: [UInt8], maxDepth: Int, firstLine: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.line = firstLine
    }

    /// Tokens of a whole file (or of an expression embedded in an f-string, starting at `firstLine`).
    static func tokenize(_ bytes: [UInt8], maxDepth: Int, firstLine: Int = 1) throws -> [Token] {
        var tokenizer = Tokenizer(bytes: bytes, maxDepth: maxDepth, firstLine: firstLine)
        return try tokenizer.run()
    }

    private var count: Int { bytes.count }

    private func byte(at index: Int) -> UInt8? {
        index >= 0 && index < count ? bytes[index] : nil
    }

    private mutating func emit(_ kind: Token.Kind, line: Int? = nil) {
        tokens.append(Token(kind: kind, line: line ?? self.line))
        switch kind {
        case .newline, .indent, .dedent, .end: break
        default: lineHasTokens = true
        }
    }

    private mutating func run() throws -> [Token] {
        while true {
            if atLineStart && brackets.isEmpty {
                atLineStart = false
                if try !startLogicalLine() { break }
            }
            guard i < count else { break }
            let c = bytes[i]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
                i += 1
            case UInt8(ascii: "#"):
                while i < count && !bytes[i].isLineBreak { i += 1 }
            case .newline, .carriageReturn:
                let newlineLine = line
                consumeLineBreak()
                if brackets.isEmpty {
                    if lineHasTokens { emit(.newline, line: newlineLine); lineHasTokens = false }
                    atLineStart = true
                }
            case .backslash:
                guard let next = byte(at: i + 1) else {
                    throw ParseFailure.syntax(line: line, message: "unexpected end of file after line continuation character")
                }
                guard next.isLineBreak else {
                    throw ParseFailure.syntax(line: line, message: "unexpected character after line continuation character")
                }
                i += 1
                consumeLineBreak()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                try scanString(prefix: "")
            default:
                if c.isIdentifierStart {
                    try scanNameOrPrefixedString()
                } else if c.isASCIIDigit || (c == UInt8(ascii: ".") && (byte(at: i + 1)?.isASCIIDigit ?? false)) {
                    try scanNumber()
                } else {
                    try scanOperator()
                }
            }
        }
        if let open = brackets.last {
            throw ParseFailure.syntax(line: open.line, message: "'\(Character(Unicode.Scalar(open.open)))' was never closed")
        }
        if lineHasTokens { emit(.newline) }
        while indents.count > 1 {
            indents.removeLast()
            emit(.dedent)
        }
        emit(.end)
        return tokens
    }

    /// Measures indentation at the start of a line and emits INDENT/DEDENT. Returns false at end of input.
    private mutating func startLogicalLine() throws -> Bool {
        var column = 0
        var j = i
        scan: while j < count {
            switch bytes[j] {
            case UInt8(ascii: " "): column += 1
            case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8
            case 0x0C: column = 0
            default: break scan
            }
            j += 1
        }
        i = j
        guard j < count else { return false }
        let c = bytes[j]
        if c == UInt8(ascii: "#") || c.isLineBreak { return true }  // blank line: indentation does not count
        let current = indents.last ?? 0
        if column > current {
            indents.append(column)
            if indents.count > maxDepth + 1 { throw ParseFailure.tooDeep(line: line) }
            emit(.indent)
        } else if column < current {
            while let last = indents.last, last > column {
                indents.removeLast()
                emit(.dedent)
            }
            if indents.last != column {
                throw ParseFailure.syntax(line: line, message: "unindent does not match any outer indentation level")
            }
        }
        return true
    }

    private mutating func consumeLineBreak() {
        if byte(at: i) == .carriageReturn && byte(at: i + 1) == .newline { i += 2 } else { i += 1 }
        line += 1
    }

    private mutating func scanNameOrPrefixedString() throws {
        let start = i
        while i < count && bytes[i].isIdentifierContinuation { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if let next = byte(at: i), next == UInt8(ascii: "\"") || next == UInt8(ascii: "'"),
           ["r", "u", "b", "br", "rb", "f", "fr", "rf"].contains(text.lowercased()) {
            try scanString(prefix: text.lowercased())
        } else {
            emit(.name(text))
        }
    }

    // MARK: - Strings

    private mutating func scanString(prefix: String) throws {
        let startLine = line
        let isFormat = prefix.contains("f")
        var fields: [StringPiece.Field] = []
        let (bodyStart, bodyEnd, next) = try scanStringBody(quoteAt: i, isFormat: isFormat, nesting: 0, fields: &fields)
        i = next
        let piece = StringPiece(
            isRaw: prefix.contains("r"), isBytes: prefix.contains("b"), isFormat: isFormat,
            body: Array(bytes[bodyStart..<bodyEnd]),
            fields: fields.map { .init(start: $0.start - bodyStart, end: $0.end - bodyStart, line: $0.line) })
        emit(.string(piece), line: startLine)
    }

    /// Scans a string whose opening quote is at `quoteAt`; returns the body range and the index after
    /// the closing quote. For f-strings, replacement fields (which may hold nested strings, 3.12 style)
    /// are recorded in `fields` when `nesting` is 0.
    private mutating func scanStringBody(quoteAt: Int, isFormat: Bool, nesting: Int,
                                         fields: inout [StringPiece.Field]) throws -> (Int, Int, Int) {
        if nesting > maxDepth { throw ParseFailure.tooDeep(line: line) }
        let startLine = line
        let quote = bytes[quoteAt]
        let triple = byte(at: quoteAt + 1) == quote && byte(at: quoteAt + 2) == quote
        var j = quoteAt + (triple ? 3 : 1)
        let bodyStart = j
        var fieldDepth = 0
        var fieldStart = 0
        var fieldLine = 0
        func unterminated() -> ParseFailure {
            .syntax(line: startLine, message: triple ? "unterminated triple-quoted string literal" : "unterminated string literal")
        }
        while true {
            guard j < count else { throw unterminated() }
            let c = bytes[j]
            if isFormat && fieldDepth > 0 {
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    var letters = 0
                    while letters < 2, let p = byte(at: j - letters - 1), p.isIdentifierStart, p < 0x80 { letters += 1 }
                    let nestedPrefix = String(decoding: bytes[(j - letters)..<j], as: UTF8.self).lowercased()
                    var ignored: [StringPiece.Field] = []
                    let (_, _, after) = try scanStringBody(quoteAt: j, isFormat: nestedPrefix.contains("f"),
                                                           nesting: nesting + 1, fields: &ignored)
                    j = after
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["):
                    fieldDepth += 1
                    if fieldDepth > maxDepth { throw ParseFailure.tooDeep(line: line) }
                case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
                    fieldDepth -= 1
                    if fieldDepth == 0 && nesting == 0 {
                        fields.append(.init(start: fieldStart, end: j, line: fieldLine))
                    }
                case .newline, .carriageReturn:
                    if byte(at: j) == .carriageReturn && byte(at: j + 1) == .newline { j += 1 }
                    line += 1
                default:
                    break
                }
                j += 1
                continue
            }
            switch c {
            case .backslash:
                j += 1
                if let escaped = byte(at: j) {
                    if escaped == .carriageReturn && byte(at: j + 1) == .newline { j += 1 }
                    if escaped.isLineBreak { line += 1 }
                    j += 1
                }
            case .newline, .carriageReturn:
                guard triple else { throw unterminated() }
                if c == .carriageReturn && byte(at: j + 1) == .newline { j += 1 }
                line += 1
                j += 1
            case quote:
                if !triple { return (bodyStart, j, j + 1) }
                if byte(at: j + 1) == quote && byte(at: j + 2) == quote { return (bodyStart, j, j + 3) }
                j += 1
            case UInt8(ascii: "{") where isFormat:
                if byte(at: j + 1) == UInt8(ascii: "{") {
                    j += 2
                } else {
                    fieldDepth = 1
                    fieldStart = j + 1
                    fieldLine = line
                    j += 1
                }
            default:
                j += 1
            }
        }
    }

    // MARK: - Numbers

    private mutating func scanNumber() throws {
        let start = i
        var isFloat = false
        var radix = 10
        if bytes[i] == UInt8(ascii: "0"), let marker = byte(at: i + 1), "xXoObB".utf8.contains(marker) {
            radix = (marker | 0x20) == UInt8(ascii: "x") ? 16 : (marker | 0x20) == UInt8(ascii: "o") ? 8 : 2
            i += 2
            while i < count && (bytes[i].isIdentifierContinuation) && bytes[i] < 0x80 { i += 1 }
        } else {
            while i < count && (bytes[i].isASCIIDigit || bytes[i] == UInt8(ascii: "_")) { i += 1 }
            if byte(at: i) == UInt8(ascii: ".") {
                isFloat = true
                i += 1
                while i < count && (bytes[i].isASCIIDigit || bytes[i] == UInt8(ascii: "_")) { i += 1 }
            }
            if let e = byte(at: i), e | 0x20 == UInt8(ascii: "e") {
                var k = i + 1
                if let sign = byte(at: k), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { k += 1 }
                if byte(at: k)?.isASCIIDigit ?? false {
                    isFloat = true
                    i = k
                    while i < count && (bytes[i].isASCIIDigit || bytes[i] == UInt8(ascii: "_")) { i += 1 }
                }
            }
            if let j = byte(at: i), j | 0x20 == UInt8(ascii: "j") {
                i += 1
                emit(.number(.other(String(decoding: bytes[start..<i], as: UTF8.self))))
                return
            }
        }
        if let next = byte(at: i), next.isIdentifierStart {
            throw ParseFailure.syntax(line: line, message: "invalid number literal")
        }
        let written = String(decoding: bytes[start..<i], as: UTF8.self)
        let digits = written.replacingOccurrences(of: "_", with: "")
        if isFloat {
            guard let value = Double(digits) else {
                throw ParseFailure.syntax(line: line, message: "invalid number literal")
            }
            emit(.number(.float(value)))
        } else {
            let text = radix == 10 ? digits : String(digits.dropFirst(2))
            if let value = Int(text, radix: radix) {
                emit(.number(.int(value)))
            } else if !text.isEmpty && text.allSatisfy({ $0.isHexDigit }) {
                emit(.number(.other(written)))
            } else {
                throw ParseFailure.syntax(line: line, message: "invalid number literal")
            }
        }
    }

    // MARK: - Operators

    private static let threeCharacterOperators: Set<String> = ["**=", "//=", ">>=", "<<=", "..."]
    private static let twoCharacterOperators: Set<String> = [
        "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "->", ":=",
    ]
    private static let oneCharacterOperators = Set("+-*/%@&|^~<>()[]{},:;.=".utf8)

    private mutating func scanOperator() throws {
        func text(_ length: Int) -> String? {
            guard i + length <= count else { return nil }
            return String(decoding: bytes[i..<(i + length)], as: UTF8.self)
        }
        if let three = text(3), Self.threeCharacterOperators.contains(three) {
            emit(.op(three))
            i += 3
            return
        }
        if let two = text(2), Self.twoCharacterOperators.contains(two) {
            emit(.op(two))
            i += 2
            return
        }
        let c = bytes[i]
        guard Self.oneCharacterOperators.contains(c) else {
            let shown = c < 0x80 && c >= 0x20 ? "'\(Character(Unicode.Scalar(c)))'" : String(format: "byte 0x%02X", c)
            throw ParseFailure.syntax(line: line, message: "invalid character \(shown)")
        }
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            brackets.append((c, line))
            if brackets.count > maxDepth { throw ParseFailure.tooDeep(line: line) }
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            let expected: UInt8 = c == UInt8(ascii: ")") ? UInt8(ascii: "(") : c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
            guard let open = brackets.popLast() else {
                throw ParseFailure.syntax(line: line, message: "unmatched '\(Character(Unicode.Scalar(c)))'")
            }
            guard open.open == expected else {
                throw ParseFailure.syntax(line: line, message: "closing '\(Character(Unicode.Scalar(c)))' does not match '\(Character(Unicode.Scalar(open.open)))' opened on line \(open.line)")
            }
        default:
            break
        }
        emit(.op(String(Character(Unicode.Scalar(c)))))
        i += 1
    }
}
