/// Reads a database's catalogue and works out the Django schema in it.
public enum SchemaDiscovery {
    public static func discover(_ db: DatabaseConnection) throws -> DjangoSchema {
        let tables = Set(try db.tableNames())
        guard tables.contains(DjangoSchema.migrations) else { throw DatabaseError.notDjango(database: db.displayName) }

        var columnCache: [String: [ColumnInfo]] = [:]
        func columns(_ table: String) throws -> [ColumnInfo] {
            if let c = columnCache[table] { return c }
            let c = try db.columns(of: table)
            columnCache[table] = c
            return c
        }

        let userTableName = try findUserTable(tables: tables, columns: columns)
        guard let userTableName else { throw SchemaError.noUserTable(database: db.displayName) }
        let user = UserTable(name: userTableName, columns: try columns(userTableName))

        func link(to right: String, excluding: Set<String> = []) throws -> LinkTable? {
            for table in tables.sorted() where !excluding.contains(table) {
                let cols = try columns(table)
                guard cols.count == 3,
                      let l = cols.first(where: { $0.references == userTableName && !$0.isPrimaryKey }),
                      let r = cols.first(where: { $0.references == right && !$0.isPrimaryKey }) else { continue }
                return LinkTable(name: table, leftColumn: l.name, rightColumn: r.name)
            }
            return nil
        }
        let hasGroups = tables.contains(DjangoSchema.group)
        let hasPermissions = tables.contains(DjangoSchema.permission) && tables.contains(DjangoSchema.contentType)
        let userGroups = hasGroups ? try link(to: DjangoSchema.group) : nil
        let userPermissions = hasPermissions ? try link(to: DjangoSchema.permission) : nil
        let groupPermissions: LinkTable? = tables.contains("auth_group_permissions")
            ? LinkTable(name: "auth_group_permissions", leftColumn: "group_id", rightColumn: "permission_id") : nil

        var limitations: [String] = []
        let missing: [(String, String)] = [
            ("username", "usernames are not shown, searched or sortable"),
            ("email", "emails are not shown, searched or sortable"),
            ("is_staff", "the staff count is unavailable"),
            ("is_superuser", "the superuser count is unavailable"),
            ("is_active", "the active count is unavailable"),
            ("date_joined", "signups per day and new users in 7 days are unavailable"),
            ("last_login", "per-provider active users are unavailable"),
        ]
        for (column, effect) in missing where !user.has(column) {
            limitations.append("\(userTableName) has no \(column) column: \(effect)")
        }
        let hasSocial = tables.contains(DjangoSchema.socialAccount)
        if !hasSocial {
            limitations.append("allauth's socialaccount tables are not in this database: only user figures are shown")
        }

        return DjangoSchema(
            userTable: user,
            hasSocialAccounts: hasSocial,
            hasSocialApps: tables.contains(DjangoSchema.socialApp),
            hasSocialAppSites: tables.contains(DjangoSchema.socialAppSites),
            hasSites: tables.contains(DjangoSchema.site),
            hasEmailAddresses: tables.contains(DjangoSchema.emailAddress),
            hasTokens: tables.contains(DjangoSchema.socialToken),
            userGroups: userGroups,
            userPermissions: userPermissions,
            groupPermissions: groupPermissions,
            hasPermissionCatalogue: hasPermissions,
            limitations: limitations
        )
    }

    /// The user table is whatever allauth's tables point at; without allauth, what the admin log
    /// points at, then Django's default.
    private static func findUserTable(tables: Set<String>, columns: (String) throws -> [ColumnInfo]) throws -> String? {
        let pointers = [(DjangoSchema.socialAccount, "user_id"), (DjangoSchema.emailAddress, "user_id"), ("django_admin_log", "user_id")]
        for (table, column) in pointers where tables.contains(table) {
            if let target = try columns(table).first(where: { $0.name == column })?.references, tables.contains(target) {
                return target
            }
        }
        return tables.contains("auth_user") ? "auth_user" : nil
    }
}

public enum SchemaError: UserFacingError, Equatable {
    case noUserTable(database: String)
    case missingColumn(table: String, column: String, feature: String)
    case noAllauth(database: String)

    public var message: String {
        switch self {
        case .noUserTable(let d):
            return "\(d) is a Django database but no user table was found (no auth_user, and nothing points at a custom user model): check that migrations have run"
        case .missingColumn(let t, let c, let f):
            return "\(f) needs the \(c) column, and \(t) has none (custom user model)"
        case .noAllauth(let d):
            return "\(d) has no django-allauth tables (socialaccount_socialaccount): is allauth.socialaccount installed and migrated?"
        }
    }
}
