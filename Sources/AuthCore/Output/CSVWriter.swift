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
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return true }
        if first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            || first == UInt8(ascii: " ") || last == UInt8(ascii: " ") {
            return false
        }
        let isPlainByte: (UInt8) -> Bool = { $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") }
        return utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isPlainByte) } ?? utf8.allSatisfy(isPlainByte)
    }
}
