import AuthCore

/// The filtered, sorted accounts view as one streamed statement, for exports.
///
/// `AccountPager.forEachRow` reads keyset pages; on a sort column without an index every page
/// is a full scan and sort, so a 758,137-row export took ~25 s in 50,000-row pages (or 340 MB
/// in 200,000-row ones) against ~2 s for one statement. This mirrors `AccountQuery`'s WHERE and
/// ORDER BY exactly, built from AuthCore's public dialect and schema, without a LIMIT.
/// `AccountStreamTests` checks it row for row against `AccountPager` over every sort and a set
/// of filters on the real fixtures. It belongs in AuthCore (`AccountPager.stream`); when that
/// exists this file goes.
enum AccountStream {
    struct Row: Equatable {
        let id: Int64
        let userID: Int64
        let username: String?
        let email: String?
        let provider: String
        let uid: String
        let dateJoined: UTCDateTime?
        let lastLogin: UTCDateTime?
    }

    static func forEach(_ store: AuthStore, filter: AccountFilter, sort: AccountSort, _ body: (Row) throws -> Bool) throws {
        let (sql, args) = try statement(store, filter: filter, sort: sort)
        try store.db.forEachRow(sql, args) { r in
            try body(Row(id: r[0].int ?? 0, userID: r[1].int ?? 0, username: r[2].string, email: r[3].string,
                         provider: r[4].string ?? "", uid: r[5].string ?? "", dateJoined: r[6].dateTime, lastLogin: r[7].dateTime))
        }
    }

    static func statement(_ store: AuthStore, filter: AccountFilter, sort: AccountSort) throws -> (String, [DatabaseValue]) {
        let schema = store.schema
        guard schema.hasSocialAccounts else { throw SchemaError.noAllauth(database: store.displayName) }
        let d = store.db.dialect
        let users = schema.userTable
        let username = users.username.map { "u." + d.quote($0) }
        let email = users.email.map { "u." + d.quote($0) }
        let sortColumn: String?
        switch sort.field {
        case .id: sortColumn = "sa.id"
        case .user_id: sortColumn = "sa.user_id"
        case .provider: sortColumn = "sa.provider"
        case .uid: sortColumn = "sa.uid"
        case .date_joined: sortColumn = "sa.date_joined"
        case .last_login: sortColumn = "sa.last_login"
        case .username: sortColumn = username
        case .email: sortColumn = email
        }
        guard let orderColumn = sortColumn else {
            throw SchemaError.missingColumn(table: users.name, column: sort.field.rawValue, feature: "sorting by \(sort.field.rawValue)")
        }
        var sql = "SELECT sa.id, sa.user_id, \(username ?? "NULL"), \(email ?? "NULL"), sa.provider, sa.uid, sa.date_joined, sa.last_login"
        sql += " FROM \(d.quote(DjangoSchema.socialAccount)) sa JOIN \(d.quote(users.name)) u ON u.\(d.quote(users.primaryKey)) = sa.user_id"
        var conditions: [String] = []
        var args: [DatabaseValue] = []
        if let search = filter.effectiveSearch {
            let pattern = DatabaseValue.text(d.containsPattern(search))
            var alternatives: [String] = []
            for column in [username, email, "sa.uid"].compactMap({ $0 }) {
                args.append(pattern)
                alternatives.append(d.icontains(column, placeholder: d.placeholder(args.count)))
            }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if let provider = filter.provider {
            args.append(.text(provider))
            conditions.append("sa.provider = \(d.placeholder(args.count))")
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        let dir = sort.descending ? "DESC" : "ASC"
        sql += " ORDER BY \(orderColumn) \(dir), sa.id \(dir)"
        return (sql, args)
    }
}
