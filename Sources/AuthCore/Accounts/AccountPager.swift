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
        let offset = (n - 1) * query.pageSize
        guard offset > 0 else {
            let (sql, args) = query.pageSQL(after: nil, before: nil, offset: 0)
            let rows = try db.query(sql, args).map(AccountQuery.row)
            return AccountPage(rows: Array(rows.prefix(query.pageSize)), number: n, pageSize: query.pageSize,
                               hasNext: rows.count > query.pageSize, hasPrevious: false)
        }
        // Deep page: skip over ids only, then read the page's rows; one snapshot for both.
        return try db.readTransaction {
            let (sql, args) = query.idsSQL(limit: query.pageSize + 1, offset: offset)
            let ids = try db.query(sql, args).compactMap { $0[0].int }
            return AccountPage(rows: try rows(ids: Array(ids.prefix(query.pageSize))), number: n, pageSize: query.pageSize,
                               hasNext: ids.count > query.pageSize, hasPrevious: true)
        }
    }

    /// The full rows of `ids`, in the order given.
    func rows(ids: [Int64]) throws -> [AccountRow] {
        guard !ids.isEmpty else { return [] }
        let (sql, args) = query.rowsSQL(ids: ids)
        var byID: [Int64: AccountRow] = [:]
        for row in try db.query(sql, args).map(AccountQuery.row) { byID[row.id] = row }
        return ids.compactMap { byID[$0] }
    }

    /// Streams every row as its CSV line (the bytes of `CSVWriter.line(row.csvCells)`), from the
    /// same single statement as `forEachRow`; the line is valid only inside `body`.
    public func forEachCSVLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Bool) throws {
        let (sql, args) = query.streamSQL()
        var line: [UInt8] = []
        line.reserveCapacity(512)
        try db.forEachRawRow(sql, args) { raw in
            line.removeAll(keepingCapacity: true)
            AccountCSVLine.append(raw, to: &line)
            return try line.withUnsafeBufferPointer { try body($0) }
        }
    }

    // MARK: Pages from an order

    /// The connection's change counter, when the backend has one (SQLite): read it before
    /// `order(baseVersion:)` on another connection, and later compare with `isCurrent`.
    public func changeCounter() throws -> Int64? {
        try db.changeCounter()
    }

    /// Reads every id of the view in order (one statement; cancellable with `interrupt`).
    public func order(baseVersion: Int64) throws -> AccountOrder {
        var ids = AccountIDs()
        let (sql, args) = query.idsSQL(limit: nil, offset: 0)
        // In place: no decoded row per id (758k of them at 1M users).
        try db.forEachRawRow(sql, args) { row in
            if let id = row.integer(0) ?? row.value(0).int { ids.append(id) }
            return true
        }
        return AccountOrder(filter: query.filter, sort: query.sort, ids: ids, baseVersion: baseVersion)
    }

    /// Whether `order` still describes this view: same filter and sort, and nothing committed
    /// since its base version on this pager's connection.
    public func isCurrent(_ order: AccountOrder) throws -> Bool {
        guard order.isFor(filter: query.filter, sort: query.sort), let now = try db.changeCounter() else { return false }
        return now == order.baseVersion
    }

    /// The page after `page` in a current order: the one holding the row after its last row.
    public func next(after page: AccountPage, in order: AccountOrder) throws -> AccountPage {
        guard let last = page.rows.last?.id, let i = order.index(of: last, near: page.lastRowNumber - 1) else {
            return try self.page(page.number + 1, in: order)
        }
        return try self.page((i + 1) / query.pageSize + 1, in: order)
    }

    /// The page before `page` in a current order: the one holding the row before its first row.
    public func previous(before page: AccountPage, in order: AccountOrder) throws -> AccountPage {
        guard let first = page.rows.first?.id, let i = order.index(of: first, near: page.firstRowNumber - 1) else {
            return try self.page(page.number - 1, in: order)
        }
        return try self.page(max(0, i - 1) / query.pageSize + 1, in: order)
    }

    /// Page `number` of a current order: a slice of its ids and one primary-key lookup.
    public func page(_ number: Int, in order: AccountOrder) throws -> AccountPage {
        let size = query.pageSize
        let pages = Self.numberOfPages(count: order.count, pageSize: size)
        let n = min(max(1, number), pages)
        let start = (n - 1) * size
        let end = min(start + size, order.count)
        return AccountPage(rows: try rows(ids: order.ids.slice(start..<end)), number: n, pageSize: size,
                           hasNext: end < order.count, hasPrevious: n > 1)
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
