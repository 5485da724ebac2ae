/// Turns the body of a Python string literal into its value: processes backslash escapes (unless
/// raw), folds `{{`/`}}` in f-string literal parts, and normalises CRLF/CR line ends to LF.
enum StringEscapes {
    static func decode(_ body: ArraySlice<UInt8>, raw: Bool, bytes isBytes: Bool, formatLiteral: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var k = body.startIndex
        let end = body.endIndex
        func at(_ index: Int) -> UInt8? { index < end ? body[index] : nil }
        func appendScalar(_ value: UInt32) {
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        while k < end {
            let c = body[k]
            if c == .carriageReturn {
                out.append(.newline)
                k += at(k + 1) == .newline ? 2 : 1
                continue
            }
            if formatLiteral && (c == UInt8(ascii: "{") || c == UInt8(ascii: "}")) && at(k + 1) == c {
                out.append(c)
                k += 2
                continue
            }
            guard c == .backslash, let e = at(k + 1) else {
                out.append(c)
                k += 1
                continue
            }
            if raw {
                // A raw string keeps the backslash; only the line-end normalisation applies.
                out.append(c)
                k += 1
                continue
            }
            k += 2
            switch e {
            case .newline: break
            case .carriageReturn: if at(k) == .newline { k += 1 }
            case .backslash, UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(e - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, let d = at(k), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(d - UInt8(ascii: "0"))
                    digits += 1
                    k += 1
                }
                appendScalar(isBytes ? value & 0xFF : value)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                if isBytes && e != UInt8(ascii: "x") {
                    out.append(contentsOf: [.backslash, e])
                    break
                }
                let width = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                let digits = body[k..<min(k + width, end)]
                if digits.count == width, digits.allSatisfy({ $0.isASCIIHexDigit }),
                   let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) {
                    appendScalar(value)
                    k += width
                } else {
                    out.append(contentsOf: [.backslash, e])
                }
            default:
                // Unknown escapes (and \N{...}) are kept as written, as Python does for unknown ones.
                out.append(contentsOf: [.backslash, e])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
