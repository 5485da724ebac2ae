import AuthCore
import ConsoleUI

/// A plain-text table for people: every cell sanitised, columns measured in terminal columns,
/// long cells cut with an ellipsis rather than wrapped.
struct TextTable {
    struct Column {
        let title: String
        var alignRight = false
        var maxWidth = 40
    }

    let columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String?]) {
        rows.append(cells.map { UntrustedText.sanitized($0 ?? "—") })
    }

    func render() -> String {
        var widths = columns.map { DisplayWidth.of($0.title) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = min(columns[i].maxWidth, max(widths[i], DisplayWidth.of(cell)))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, col) in columns.enumerated() {
                parts.append(DisplayWidth.fit(i < cells.count ? cells[i] : "", to: widths[i], alignRight: col.alignRight))
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = line(columns.map(\.title)) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
