import AuthCore

/// How numbers, dates and lengths read on screen.
public enum Format {
    /// `758,137`.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    public static func count(_ n: Int?) -> String { n.map { count($0) } ?? "n/a" }

    /// `2026-06-15 12:59` (UTC).
    public static func minute(_ d: UTCDateTime?) -> String {
        guard let d else { return "—" }
        return String(d.djangoSQLiteText.prefix(16))
    }

    /// `2026-06-15`.
    public static func day(_ d: UTCDateTime?) -> String {
        guard let d else { return "—" }
        return d.date.description
    }

    /// `2026-06-15 12:59:07 UTC`.
    public static func second(_ d: UTCDateTime?) -> String {
        guard let d else { return "—" }
        return String(d.djangoSQLiteText.prefix(19)) + " UTC"
    }

    public static func yesNo(_ b: Bool?) -> String {
        guard let b else { return "n/a" }
        return b ? "yes" : "no"
    }

    /// Keeps the end of a long path: `…/Fixtures/db/default.sqlite3`.
    public static func tail(_ text: String, width: Int, ellipsis: String) -> String {
        guard DisplayWidth.of(text) > width, width > 1 else { return text }
        var out = ""
        var used = DisplayWidth.of(ellipsis)
        for ch in text.reversed() {
            let w = DisplayWidth.of(String(ch))
            if used + w > width { break }
            out = String(ch) + out
            used += w
        }
        return ellipsis + out
    }

    /// Keeps both ends of a long message (a third of the room for the start, the rest for the
    /// end, where "try again" or the fix usually is): `/srv/site/db.sq… past the busy timeout: try again`.
    public static func middle(_ text: String, width: Int, ellipsis: String) -> String {
        guard DisplayWidth.of(text) > width, width > 2 else { return text }
        let room = width - DisplayWidth.of(ellipsis)
        var head = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(String(ch))
            if used + w > room / 3 { break }
            head.append(ch)
            used += w
        }
        return head + tail(text, width: width - used, ellipsis: ellipsis)
    }

    /// Splits text into lines of at most `width` columns, at spaces where it can. With
    /// `paragraphs`, line feeds start new lines; otherwise they are shown as placeholders.
    public static func wrap(_ text: String, width: Int, paragraphs: Bool = false) -> [String] {
        let parts = paragraphs ? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) : [text]
        guard width > 0 else { return parts.map { DisplayText.prepare($0) } }
        var lines: [String] = []
        for raw in parts {
            let paragraph = DisplayText.prepare(raw)
            var current = ""
            var currentWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var w = String(word)
                let ww = DisplayWidth.of(w)
                if currentWidth > 0, currentWidth + 1 + ww <= width {
                    current += " " + w
                    currentWidth += 1 + ww
                    continue
                }
                if currentWidth > 0 { lines.append(current); current = ""; currentWidth = 0 }
                // A word longer than a line is cut into pieces.
                while DisplayWidth.of(w) > width {
                    var piece = ""
                    var pw = 0
                    var rest = Substring(w)
                    while let ch = rest.first, pw + DisplayWidth.of(String(ch)) <= width {
                        piece.append(ch)
                        pw += DisplayWidth.of(String(ch))
                        rest.removeFirst()
                    }
                    if piece.isEmpty, let ch = rest.first { piece.append(ch); rest.removeFirst() }
                    lines.append(piece)
                    w = String(rest)
                }
                current = w
                currentWidth = DisplayWidth.of(w)
            }
            lines.append(current)
        }
        return lines
    }
}
