/// A run of text in one style.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A line of styled runs, built by the views and written into the grid.
public struct StyledLine: Equatable, Sendable {
    public var spans: [Span]
    /// Highlight the whole line (selection).
    public var selected = false

    public init(_ spans: [Span] = []) { self.spans = spans }
    public init(_ text: String, _ style: Style = .plain) { spans = [Span(text, style)] }

    public static let empty = StyledLine()

    public var plainText: String { spans.map(\.text).joined() }

    public mutating func append(_ text: String, _ style: Style = .plain) { spans.append(Span(text, style)) }
}

extension ScreenBuffer {
    /// Writes a styled line, cut at `maxWidth` columns; a selected line is reversed to the edge.
    @discardableResult
    public mutating func put(line: StyledLine, x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        let limit = min(width - x, maxWidth ?? width - x)
        guard limit > 0 else { return 0 }
        var used = 0
        for span in line.spans where used < limit {
            used += put(span.text, x: x + used, y: y, maxWidth: limit - used, style: span.style)
        }
        if line.selected { restyle(x: x, y: y, width: limit) { $0.reverse = true } }
        return used
    }
}
