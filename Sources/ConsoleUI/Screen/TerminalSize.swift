/// A terminal's size in columns and rows.
public struct TerminalSize: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let minimum = TerminalSize(width: 80, height: 24)

    public var isTooSmall: Bool { width < Self.minimum.width || height < Self.minimum.height }

    public var description: String { "\(width)x\(height)" }
}
