/// Builds and runs the accounts table's SQL for one filter and sort.
///
/// Next/previous pages are keyset pages: one composite comparison `(sort, id) > (?, ?)` against
/// the boundary row, so paging costs the same on page 2 and page 20,000. Jumping to page N uses
/// OFFSET over the ids alone (a deferred join): the database skips N pages of narrow
/// `(sort, id)` entries, walking only an index when there is one, and only the page's rows are
/// then read in full by primary key. A sort column that may be NULL cannot be compared as a row
/// value, so those sorts page by OFFSET throughout (correct, only slower).
public struct AccountQuery: Sendable {
    public let filter: AccountFilter
    public let sort: AccountSort
    public let pageSize: Int

    let schema: DjangoSchema
    let dialect: SQLDialect

    public init(schema: DjangoSchema, dialect: SQLDialect, filter: AccountFilter, sort: AccountSort, pageSize: Int) throws {
        guard schema.hasSocialAccounts else { throw SchemaError.noAllauth(database: "this database") }
        self.schema = schema
        self.dialect = dialect
        self.filter = filter
        self.sort = sort
        self.pageSize = max(1, pageSize)
        if sortColumn == nil {
            throw SchemaError.missingColumn(table: schema.userTable.name, column: sort.field.rawValue, feature: "sorting by \(sort.field.rawValue)")
        }
    }

    private var d: SQLDialect { dialect }
    private var users: UserTable { schema.userTable }

    /// The SQL expression for the sort column, nil when the user model lacks it.
    private var sortColumn: String? {
        switch sort.field {
        case .id: return "sa.id"
        case .user_id: return "sa.user_id"
        case .provider: return "sa.provider"
        case .uid: return "sa.uid"
        case .date_joined: return "sa.date_joined"
        case .last_login: return "sa.last_login"
        case .username: return users.username.map { "u." + d.quote($0) }
        case .email: return users.email.map { "u." + d.quote($0) }
        }
    }

    private var sortColumnIsNullable: Bool {
        switch sort.field {
        case .username, .email:
            return users.columns.first { $0.name == sort.field.rawValue }?.isNullable ?? true
        default:
            return false
        }
    }

    var supportsKeyset: Bool { !sortColumnIsNullable }

    private var selectList: String {
        let username = users.username.map { "u." + d.quote($0) } ?? "NULL"
        let email = users.email.map { "u." + d.quote($0) } ?? "NULL"
        return "sa.id, sa.user_id, \(username), \(email), sa.provider, sa.uid, sa.date_joined, sa.last_login, \(sortColumn ?? "NULL")"
    }

    private var from: String {
        "\(d.quote(DjangoSchema.socialAccount)) sa JOIN \(d.quote(users.name)) u ON u.\(d.quote(users.primaryKey)) = sa.user_id"
    }

    /// Whether the filter or the sort reads a column of the user table.
    private var needsUsers: Bool {
        searchNeedsUsers || sort.field == .username || sort.field == .email
    }

    private var searchNeedsUsers: Bool {
        filter.effectiveSearch != nil && (users.username != nil || users.email != nil)
    }

    /// The user table is joined only when a condition or the sort needs it; every social account
    /// has its user (a NOT NULL foreign key), so the join drops no row.
    private var narrowFrom: String {
        needsUsers ? from : "\(d.quote(DjangoSchema.socialAccount)) sa"
    }

    /// WHERE conditions and their arguments, numbered from `firstIndex`.
    private func conditions(startingAt firstIndex: Int = 1) -> (sql: [String], args: [DatabaseValue]) {
        var sql: [String] = []
        var args: [DatabaseValue] = []
        if let search = filter.effectiveSearch {
            let pattern = DatabaseValue.text(d.containsPattern(search))
            var alternatives: [String] = []
            for column in [users.username.map { "u." + d.quote($0) }, users.email.map { "u." + d.quote($0) }, "sa.uid"].compactMap({ $0 }) {
                args.append(pattern)
                alternatives.append(d.icontains(column, placeholder: d.placeholder(firstIndex + args.count - 1)))
            }
            sql.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if let provider = filter.provider {
            args.append(.text(provider))
            sql.append("sa.provider = \(d.placeholder(firstIndex + args.count - 1))")
        }
        return (sql, args)
    }

    private func orderBy(reversed: Bool) -> String {
        let desc = sort.descending != reversed
        let dir = desc ? "DESC" : "ASC"
        return "ORDER BY \(sortColumn ?? "sa.id") \(dir), sa.id \(dir)"
    }

    /// The statement for a page: rows after (or before) a cursor, or at an offset, one more than
    /// a page so the caller knows whether another page follows.
    func pageSQL(after cursor: AccountCursor?, before: AccountCursor?, offset: Int) -> (String, [DatabaseValue]) {
        selectSQL(after: cursor, before: before, limit: pageSize + 1, offset: offset)
    }

    /// Every row of the view in order, as one statement (for exports: one scan and sort instead of
    /// one per page).
    func streamSQL() -> (String, [DatabaseValue]) {
        selectSQL(after: nil, before: nil, limit: nil, offset: 0)
    }

    private func selectSQL(after cursor: AccountCursor?, before: AccountCursor?, limit: Int?, offset: Int) -> (String, [DatabaseValue]) {
        var (conds, args) = conditions()
        let reversed = before != nil
        if let c = cursor ?? before {
            let forward = sort.descending ? "<" : ">"
            let op = reversed ? (forward == "<" ? ">" : "<") : forward
            args.append(c.sortValue)
            let p1 = d.placeholder(args.count)
            args.append(.integer(c.id))
            let p2 = d.placeholder(args.count)
            conds.append("(\(sortColumn ?? "sa.id"), sa.id) \(op) (\(p1), \(p2))")
        }
        return statement("SELECT \(selectList) FROM \(from)", conds, args, reversed: reversed, limit: limit, offset: offset)
    }

    /// The ids of one page (plus one, to tell whether another follows) at an offset, or of the
    /// whole view in order when `limit` is nil.
    func idsSQL(limit: Int?, offset: Int) -> (String, [DatabaseValue]) {
        let (conds, args) = conditions()
        return statement("SELECT sa.id FROM \(narrowFrom)", conds, args, reversed: false, limit: limit, offset: offset)
    }

    /// `head` with the conditions, the order and the bound LIMIT/OFFSET appended.
    private func statement(_ head: String, _ conds: [String], _ conditionArgs: [DatabaseValue], reversed: Bool,
                           limit: Int?, offset: Int) -> (String, [DatabaseValue]) {
        var args = conditionArgs
        var sql = head
        if !conds.isEmpty { sql += " WHERE " + conds.joined(separator: " AND ") }
        sql += " " + orderBy(reversed: reversed)
        if let limit {
            args.append(.integer(Int64(limit)))
            sql += " LIMIT \(d.placeholder(args.count))"
            if offset > 0 {
                args.append(.integer(Int64(offset)))
                sql += " OFFSET \(d.placeholder(args.count))"
            }
        }
        return (sql, args)
    }

    /// The full rows of the given accounts, in no particular order.
    func rowsSQL(ids: [Int64]) -> (String, [DatabaseValue]) {
        let marks = ids.indices.map { d.placeholder($0 + 1) }.joined(separator: ", ")
        return ("SELECT \(selectList) FROM \(from) WHERE sa.id IN (\(marks))", ids.map { .integer($0) })
    }

    func countSQL() -> (String, [DatabaseValue]) {
        let (conds, args) = conditions()
        var sql = "SELECT COUNT(*) FROM " + (searchNeedsUsers ? from : "\(d.quote(DjangoSchema.socialAccount)) sa")
        if !conds.isEmpty { sql += " WHERE " + conds.joined(separator: " AND ") }
        return (sql, args)
    }

    static func row(_ r: DatabaseRow) -> AccountRow {
        AccountRow(
            id: r[0].int ?? 0,
            userID: r[1].int ?? 0,
            username: r[2].string,
            email: r[3].string,
            provider: r[4].string ?? "",
            uid: r[5].string ?? "",
            dateJoined: r[6].dateTime,
            lastLogin: r[7].dateTime,
            sortValue: r[8]
        )
    }
}
