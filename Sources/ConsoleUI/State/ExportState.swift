import AuthCore

public enum ExportFormat: String, Equatable, Sendable {
    case csv, json

    public var fileExtension: String { rawValue }
    public var label: String { rawValue.uppercased() }
}

/// An export of the filtered accounts view to a file.
public struct ExportRequest: Equatable, Sendable {
    public let id: Int
    public let filter: AccountFilter
    public let sort: AccountSort
    public let format: ExportFormat
    public let path: String
    public let overwrite: Bool
    /// Rows expected (the count, when known), for the progress indicator.
    public let expectedRows: Int?
}

/// A running export.
public struct ExportState: Equatable {
    public let request: ExportRequest
    public var rowsWritten = 0
    public var cancelling = false

    public init(request: ExportRequest) { self.request = request }
}
