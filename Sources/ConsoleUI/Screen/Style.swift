/// The eight ANSI colours the console uses for foregrounds (on the terminal's own background).
public enum Color: Int, Equatable, Sendable, CaseIterable {
    case red = 1, green, yellow, blue, magenta, cyan
}

/// How a cell looks. Selection is reverse video, so it shows without colour too.
public struct Style: Equatable, Hashable, Sendable {
    public var color: Color?
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(color: Color? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.color = color
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    public static let heading = Style(color: .cyan, bold: true)
    public static let accent = Style(color: .cyan)
    public static let good = Style(color: .green)
    public static let warning = Style(color: .yellow, bold: true)
    public static let error = Style(color: .red, bold: true)
    public static let key = Style(color: .yellow)

    public func with(reverse: Bool) -> Style { var s = self; s.reverse = reverse; return s }
    public func with(bold: Bool) -> Style { var s = self; s.bold = bold; return s }
}
