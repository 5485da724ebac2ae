/// A column as the backend's catalogue describes it.
public struct ColumnInfo: Equatable, Sendable {
    public let name: String
    public let declaredType: String
    public let isNullable: Bool
    public let isPrimaryKey: Bool
    /// The table this column's foreign key points at, when it has one.
    public let references: String?

    public init(name: String, declaredType: String, isNullable: Bool, isPrimaryKey: Bool, references: String?) {
        self.name = name
        self.declaredType = declaredType
        self.isNullable = isNullable
        self.isPrimaryKey = isPrimaryKey
        self.references = references
    }
}

/// What AuthCore needs from a database backend. Everything SQL-dialect specific sits in
/// `SQLDialect`; backends only run statements and describe their catalogue.
public protocol DatabaseConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Where the data comes from, fit to show an operator (never a password).
    var displayName: String { get }

    /// Runs a statement and calls `body` for each row until it returns false.
    func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (DatabaseRow) throws -> Bool) throws

    /// `forEachRow` without decoding: the row is read in place, valid only inside `body`.
    func forEachRawRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (RawRow) throws -> Bool) throws

    /// Runs `body` inside one read transaction, so every figure comes from one snapshot.
    func readTransaction<T>(_ body: () throws -> T) throws -> T

    /// Cancels the statement running on this connection; safe to call from any thread.
    func interrupt()

    /// A counter that changes whenever another connection commits (SQLite's `data_version`);
    /// nil when the backend has none, and then nothing may be cached across statements.
    func changeCounter() throws -> Int64?

    /// True when a new connection to the same name would reach another database (an SQLite file
    /// deleted or replaced since this one opened it). False by default.
    var sourceChanged: Bool { get }

    func tableNames() throws -> [String]
    func columns(of table: String) throws -> [ColumnInfo]
}

extension DatabaseConnection {
    public func changeCounter() throws -> Int64? { nil }

    public var sourceChanged: Bool { false }

    /// Backends without an in-place reader hand over decoded rows (no bytes, so callers take
    /// their `value` path).
    public func forEachRawRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (RawRow) throws -> Bool) throws {
        try forEachRow(sql, arguments) { try body(DecodedRawRow(row: $0)) }
    }

    public func query(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> [DatabaseRow] {
        var rows: [DatabaseRow] = []
        try forEachRow(sql, arguments) { rows.append($0); return true }
        return rows
    }

    public func queryOne(_ sql: String, _ arguments: [DatabaseValue] = []) throws -> DatabaseRow? {
        var first: DatabaseRow?
        try forEachRow(sql, arguments) { first = $0; return false }
        return first
    }
}

/// A row of a statement read in place, so hot loops (exports) copy bytes instead of making a
/// `DatabaseValue` and a `String` per column. Valid only inside the callback that receives it.
public protocol RawRow {
    /// The column when the backend stored a 64-bit integer; nil otherwise (use `value`).
    func integer(_ column: Int) -> Int64?
    /// The column's text as UTF-8 bytes, as stored (possibly invalid UTF-8), when the backend
    /// returns text; nil otherwise (use `value`).
    func text(_ column: Int) -> UnsafeBufferPointer<UInt8>?
    /// The column exactly as `forEachRow` decodes it.
    func value(_ column: Int) -> DatabaseValue
}

struct DecodedRawRow: RawRow {
    let row: DatabaseRow
    func integer(_ column: Int) -> Int64? { nil }
    func text(_ column: Int) -> UnsafeBufferPointer<UInt8>? { nil }
    func value(_ column: Int) -> DatabaseValue { row[column] }
}
