/// A short message in the status bar that fades (dims) and then goes away by itself.
public struct Flash: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, error }
    public let text: String
    public let kind: Kind
    public let id: Int
    public var faded = false

    public init(text: String, kind: Kind, id: Int) {
        self.text = text
        self.kind = kind
        self.id = id
    }
}

/// The status bar: the last query's time and the current flash message.
public struct StatusState: Equatable {
    public var lastQueryMilliseconds: Int?
    public var flash: Flash?

    public init() {}
}
