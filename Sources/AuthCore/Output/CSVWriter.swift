/// RFC 4180 CSV for spreadsheets and scripts. Cells that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab, CR or NUL) get a leading `'` (OWASP), and control
/// characters are made visible as in terminal output, so a CSV is safe to open or to `cat`.
public enum CSVWriter {
    public static func line(_ cells: [String?]) -> String {
        cells.map { cell($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    public static func cell(_ raw: String) -> String {
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
}
