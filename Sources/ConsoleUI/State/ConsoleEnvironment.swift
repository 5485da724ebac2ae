import AuthCore

/// What the console knows about where it runs: the database, the clock and the locale. Fixed for
/// a session; part of the state so rendering depends on nothing else.
public struct ConsoleEnvironment: Equatable, Sendable {
    /// The database as the operator should see it (a path, never a password).
    public var databaseName: String
    public var userTable: String
    /// "Now" for every "last N days" figure: `--now`, or the clock at start.
    public var now: UTCDateTime
    public var unicode: Bool
    public var hasSocialAccounts: Bool
    public var hasUsername: Bool
    public var hasEmail: Bool
    /// What this schema cannot show, one sentence each (`DjangoSchema.limitations`).
    public var limitations: [String]

    public init(databaseName: String, userTable: String, now: UTCDateTime, unicode: Bool, hasSocialAccounts: Bool,
                hasUsername: Bool, hasEmail: Bool, limitations: [String]) {
        self.databaseName = databaseName
        self.userTable = userTable
        self.now = now
        self.unicode = unicode
        self.hasSocialAccounts = hasSocialAccounts
        self.hasUsername = hasUsername
        self.hasEmail = hasEmail
        self.limitations = limitations
    }

    public init(store: AuthStore, now: UTCDateTime, unicode: Bool) {
        self.init(databaseName: store.displayName, userTable: store.schema.userTable.name, now: now, unicode: unicode,
                  hasSocialAccounts: store.schema.hasSocialAccounts, hasUsername: store.schema.userTable.username != nil,
                  hasEmail: store.schema.userTable.email != nil, limitations: store.schema.limitations)
    }

    public var glyphs: Glyphs { Glyphs(unicode: unicode) }

    /// The sort columns this schema has, in table order.
    public var sortFields: [AccountSortField] {
        var fields: [AccountSortField] = []
        if hasUsername { fields.append(.username) }
        if hasEmail { fields.append(.email) }
        fields += [.provider, .uid, .date_joined, .last_login]
        return fields
    }
}
