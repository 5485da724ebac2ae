/// RFC 4180 CSV for spreadsheets and scripts. Cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab, CR or NUL) get a leading `'` (OWASP), and control
/// characters are made visible as in terminal output, so a CSV is safe to open or to `cat`.
public enum CSVWriter {
    public static func line(_ cells: [String?]) -> String {
        var out = ""
        out.reserveCapacity(160)
        for (i, raw) in cells.enumerated() {
            if i > 0 { out.append(",") }
            out.append(cell(raw ?? ""))
        }
        out.append("\r\n")
        return out
    }

    public static func cell(_ raw: String) -> String {
        if isPlain(raw) { return raw }
        var text = raw
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r", "\0"].contains(first) {
            text = "'" + text
        }
        text = UntrustedText.sanitized(text)
        let needsQuotes = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        var quoted = "\""
        for ch in text {
            if ch == "\"" { quoted += "\"" }
            quoted.append(ch)
        }
        return quoted + "\""
    }

    /// The common case, decided in one pass over the bytes: printable ASCII with no comma or
    /// quote, not starting like a formula and without a leading or trailing space. `cell` would
    /// return such text unchanged (nothing to sanitize, prefix or quote).
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isPlain(bytes: $0) }
    }

    static func isPlain(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == UInt8(ascii: " ") || last == UInt8(ascii: " ") {
            return false
        }
        for b in bytes where b < 0x20 || b > 0x7E || b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") {
            return false
        }
        return true
    }

    /// `isPlain` widened to UTF-8 text for the export's byte path: valid UTF-8 whose scalars
    /// `UntrustedText` keeps as they are, with no comma, quote or control character, not
    /// starting like a formula and without a leading or trailing space. `cell` returns such text
    /// unchanged; anything else (invalid UTF-8 included) goes through `cell`.
    static func isPlainUTF8(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == UInt8(ascii: " ") || last == UInt8(ascii: " ") {
            return false
        }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F || b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") { return false }
                i += 1
                continue
            }
            // One multi-byte sequence, validated as String(decoding:) would (no overlong form,
            // no surrogate, at most U+10FFFF), then its scalar checked.
            let length: Int
            var scalar: UInt32
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F)
            case 0xE0: length = 3; scalar = 0; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; scalar = UInt32(b & 0x0F)
            case 0xED: length = 3; scalar = 0x0D; high = 0x9F
            case 0xF0: length = 4; scalar = 0; low = 0x90
            case 0xF1...0xF3: length = 4; scalar = UInt32(b & 0x07)
            case 0xF4: length = 4; scalar = 4; high = 0x8F
            default: return false
            }
            guard i + length <= n else { return false }
            for k in 1..<length {
                let c = bytes[i + k]
                if k == 1 {
                    guard c >= low && c <= high else { return false }
                } else {
                    guard c >= 0x80 && c <= 0xBF else { return false }
                }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < 0xA0 || scalar == 0x2028 || scalar == 0x2029 || UntrustedText.isBidiControl(scalar) { return false }
            i += length
        }
        return true
    }
}
