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

    /// Runs `body` inside one read transaction, so every figure comes from one snapshot.
    func readTransaction<T>(_ body: () throws -> T) throws -> T

    /// Cancels the statement running on this connection; safe to call from any thread.
    func interrupt()

    /// A counter that changes whenever another connection commits (SQLite's `data_version`);
    /// nil when the backend has none, and then nothing may be cached across statements.
    func changeCounter() throws -> Int64?

    func tableNames() throws -> [String]
    func columns(of table: String) throws -> [ColumnInfo]
}

extension DatabaseConnection {
    public func changeCounter() throws -> Int64? { nil }

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
