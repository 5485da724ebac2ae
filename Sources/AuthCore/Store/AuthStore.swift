/// The shared store both faces (CLI and console) read through: one connection, its discovered
/// schema, and the domain queries.
public final class AuthStore: @unchecked Sendable {
    public let db: DatabaseConnection
    public let schema: DjangoSchema

    public init(connection: DatabaseConnection) throws {
        db = connection
        schema = try SchemaDiscovery.discover(connection)
    }

    public static func open(_ source: DatabaseSource) throws -> AuthStore {
        switch source {
        case .sqlite(let path):
            return try AuthStore(connection: SQLiteConnection(path: path))
        case .postgres(let parameters):
            return try AuthStore(connection: PostgreSQLConnection(parameters: parameters))
        }
    }

    public var displayName: String { db.displayName }

    /// Dashboard figures as of `now`, with `days` days of signups (30 or 90 for the sparkline).
    public func stats(now: UTCDateTime, days: Int = 90) throws -> DashboardStats {
        try StatsQuery(db: db, schema: schema).run(now: now, days: days)
    }

    /// Per-provider usage alone (the dashboard's most expensive figure), for `bench`.
    public func providerUsage(now: UTCDateTime) throws -> [ProviderUsage] {
        try db.readTransaction { try StatsQuery(db: db, schema: schema).providerUsage(now: now) }
    }

    public func accounts(filter: AccountFilter = AccountFilter(), sort: AccountSort = .default, pageSize: Int = 25) throws -> AccountPager {
        AccountPager(db: db, query: try AccountQuery(schema: schema, dialect: db.dialect, filter: filter, sort: sort, pageSize: pageSize))
    }

    public func findUser(_ lookup: UserLookup) throws -> Int64 {
        try UserDetailQuery(db: db, schema: schema).find(lookup)
    }

    public func user(id: Int64) throws -> UserDetail {
        try UserDetailQuery(db: db, schema: schema).detail(id: id)
    }

    /// The database file was deleted or replaced since this store opened it (see
    /// `DatabaseConnection.sourceChanged`): open the source again to read what is there now.
    public var sourceChanged: Bool { db.sourceChanged }

    /// Cancels whatever query is running; it fails with `DatabaseError.interrupted`.
    public func interrupt() { db.interrupt() }
}
