/// One result row; columns are addressed by position, as the query that produced it lists them.
public struct DatabaseRow: Sendable {
    public let values: [DatabaseValue]

    public init(_ values: [DatabaseValue]) { self.values = values }

    public subscript(_ index: Int) -> DatabaseValue {
        index >= 0 && index < values.count ? values[index] : .null
    }
}
