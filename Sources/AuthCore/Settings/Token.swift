/// One token of Python source.
struct Token: Equatable {
    enum Kind: Equatable {
        case name(String)
        case number(NumberLiteral)
        case string(StringPiece)
        case op(String)
        case newline
        case indent
        case dedent
        case end
    }

    var kind: Kind
    var line: Int
}

enum NumberLiteral: Equatable {
    case int(Int)
    case float(Double)
    /// Imaginary numbers and integers too large for `Int`, kept as written.
    case other(String)
}

/// A string literal as written, before escapes are processed. Adjacent literals are joined by the parser.
struct StringPiece: Equatable {
    struct Field: Equatable {
        /// Byte offsets into `body` of the text between `{` and the matching `}`.
        var start: Int
        var end: Int
        var line: Int
    }

    var isRaw: Bool
    var isBytes: Bool
    var isFormat: Bool
    /// The text between the quotes.
    var body: [UInt8]
    /// Replacement fields of an f-string, in order.
    var fields: [Field]
}

/// Why tokenizing or parsing stopped.
enum ParseFailure: Error, Equatable {
    case syntax(line: Int, message: String)
    case tooDeep(line: Int)

    var line: Int {
        switch self {
        case .syntax(let line, _), .tooDeep(let line): return line
        }
    }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let backslash = UInt8(ascii: "\\")

    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIIHexDigit: Bool { isASCIIDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
    /// Letters, `_` and every non-ASCII byte (non-ASCII identifiers are rare but legal).
    var isIdentifierStart: Bool {
        (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) || self == 0x5F || self >= 0x80
    }
    var isIdentifierContinuation: Bool { isIdentifierStart || isASCIIDigit }
    var isLineBreak: Bool { self == .newline || self == .carriageReturn }
}
