import AuthCore
import Foundation

/// Turns a linked account's `extra_data` into lines for the viewer: pretty-printed JSON when it
/// parsed as an object or list, the raw text otherwise. Lines are sanitised when drawn.
public enum ExtraDataFormatter {
    public static func lines(_ e: ExtraDataSummary) -> [String] {
        guard let raw = e.raw else {
            return ["(not shown: \(e.byteCount) bytes is more than the viewer reads)"]
        }
        switch e.shape {
        case .object, .array:
            if let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]),
               let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) {
                return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        default:
            break
        }
        return raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// The extra_data viewer: a title with the summary, numbered lines, scrolled both ways.
enum ExtraDataView {
    static func draw(_ v: ExtraDataViewer, _ s: AppState, into b: inout ScreenBuffer) {
        let g = s.glyphs
        let top = Layout.contentTop(b.size)
        var title = StyledLine()
        title.append(" extra_data ", .heading)
        title.append("\(v.provider) account #\(v.accountID) \(g.dot) ", .bold)
        title.append(v.summary, .dim)
        let height = Layout.panelBodyHeight(b.size)
        let gutter = max(3, String(v.lines.count).count)
        let first = min(v.top, max(0, v.lines.count - height))
        let last = min(v.lines.count, first + height)
        let position = " lines \(first + 1)\(g.enDash)\(last) of \(v.lines.count)" + (v.left > 0 ? ", column \(v.left + 1)" : "") + " "
        let pw = DisplayWidth.of(position)
        b.put(line: title, x: 0, y: top, maxWidth: b.width - pw - 1)
        b.put(position, x: b.width - pw, y: top, style: .dim)
        for (i, line) in v.lines.dropFirst(first).prefix(height).enumerated() {
            let y = top + 1 + i
            b.put(String(first + i + 1).leftPadded(gutter), x: 0, y: y, style: .dim)
            b.put(g.vertical, x: gutter + 1, y: y, style: .dim)
            let shown = dropColumns(DisplayText.prepare(line, ascii: !g.unicode), v.left)
            b.put(shown, x: gutter + 3, y: y, maxWidth: b.width - gutter - 3)
        }
    }

    /// Drops the first `n` columns of already-prepared text (horizontal scrolling).
    static func dropColumns(_ text: String, _ n: Int) -> String {
        guard n > 0 else { return text }
        var used = 0
        var rest = Substring(text)
        while used < n, let ch = rest.first {
            used += DisplayWidth.of(String(ch))
            rest.removeFirst()
        }
        return String(rest)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
