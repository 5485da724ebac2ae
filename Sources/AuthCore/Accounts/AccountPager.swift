/// Runs an `AccountQuery` against a connection: page N, the page after or before a page, and
/// the total count (a separate call, so a table can show rows before the count arrives).
public struct AccountPager {
    public let query: AccountQuery
    let db: DatabaseConnection

    public init(db: DatabaseConnection, query: AccountQuery) {
        self.db = db
        self.query = query
    }

    public func page(_ number: Int) throws -> AccountPage {
        let n = max(1, number)
        let (sql, args) = query.pageSQL(after: nil, before: nil, offset: (n - 1) * query.pageSize)
        let rows = try db.query(sql, args).map(AccountQuery.row)
        return AccountPage(rows: Array(rows.prefix(query.pageSize)), number: n, pageSize: query.pageSize,
                           hasNext: rows.count > query.pageSize, hasPrevious: n > 1)
    }

    public func next(after page: AccountPage) throws -> AccountPage {
        guard page.hasNext, let cursor = page.lastCursor else { return page }
        guard query.supportsKeyset else { return try self.page(page.number + 1) }
        let (sql, args) = query.pageSQL(after: cursor, before: nil, offset: 0)
        let rows = try db.query(sql, args).map(AccountQuery.row)
        return AccountPage(rows: Array(rows.prefix(query.pageSize)), number: page.number + 1, pageSize: query.pageSize,
                           hasNext: rows.count > query.pageSize, hasPrevious: true)
    }

    public func previous(before page: AccountPage) throws -> AccountPage {
        guard page.hasPrevious, page.number > 1 else { return page }
        guard query.supportsKeyset, let cursor = page.firstCursor else { return try self.page(page.number - 1) }
        let (sql, args) = query.pageSQL(after: nil, before: cursor, offset: 0)
        let rows = try db.query(sql, args).map(AccountQuery.row)
        let number = page.number - 1
        // Fetched in reverse order; an extra row means there is a page before this one too.
        return AccountPage(rows: Array(rows.prefix(query.pageSize).reversed()), number: number, pageSize: query.pageSize,
                           hasNext: true, hasPrevious: rows.count > query.pageSize || number > 1)
    }

    public func count() throws -> Int {
        let (sql, args) = query.countSQL()
        return Int(try db.queryOne(sql, args)?[0].int ?? 0)
    }

    /// Django's `Paginator.num_pages`: at least one page, even when empty.
    public static func numberOfPages(count: Int, pageSize: Int) -> Int {
        count == 0 ? 1 : (count + pageSize - 1) / pageSize
    }

    /// Streams every row of the filtered, sorted view (for exports) from one statement, in the
    /// same order as the pages; memory stays flat in the number of rows.
    public func forEachRow(_ body: (AccountRow) throws -> Bool) throws {
        let (sql, args) = query.streamSQL()
        try db.forEachRow(sql, args) { try body(AccountQuery.row($0)) }
    }
}
