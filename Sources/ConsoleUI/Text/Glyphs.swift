/// The characters the console draws with: Unicode when the locale is UTF-8, ASCII otherwise.
public struct Glyphs: Equatable, Sendable {
    public let unicode: Bool

    public init(unicode: Bool) { self.unicode = unicode }

    public var ellipsis: String { unicode ? "…" : "~" }
    public var ascending: String { unicode ? "↑" : "^" }
    public var descending: String { unicode ? "↓" : "v" }
    public var enDash: String { unicode ? "–" : "-" }
    public var separator: String { unicode ? "│" : "|" }
    public var dot: String { unicode ? "·" : "-" }
    public var horizontal: String { unicode ? "─" : "-" }
    public var vertical: String { unicode ? "│" : "|" }
    public var cornerTopLeft: String { unicode ? "┌" : "+" }
    public var cornerTopRight: String { unicode ? "┐" : "+" }
    public var cornerBottomLeft: String { unicode ? "└" : "+" }
    public var cornerBottomRight: String { unicode ? "┘" : "+" }
    public var barFull: String { unicode ? "█" : "#" }
    public var barEmpty: String { unicode ? "░" : "." }
    public var pointer: String { unicode ? "▸" : ">" }
    public var working: String { unicode ? "working…" : "working..." }
    public var enter: String { unicode ? "⏎" : "Enter" }
    public var cursor: String { unicode ? "▏" : "_" }
    public var error: String { unicode ? "✗" : "x" }
    public var warning: String { "!" }
    public var ok: String { unicode ? "✓" : "+" }
    public var info: String { unicode ? "·" : "-" }
    public var upDown: String { unicode ? "↑/↓" : "Up/Down" }

    public func direction(descending: Bool) -> String { descending ? self.descending : ascending }

    /// Partial blocks for bar charts, from one eighth to full.
    public var eighths: [String] {
        unicode ? ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"] : ["", "", "", "#", "#", "#", "#", "#"]
    }
}
