/// Every id of one filtered, sorted view, in order, read in one statement: with it any page,
/// however deep, is a slice and a primary-key lookup of its rows.
///
/// Built when the view's sort has no index to walk (each page then scans the table). It is only
/// valid while the database is unchanged: `baseVersion` is the change counter of the connection
/// that will read the pages, taken before the ids were read, and `AccountPager.isCurrent` compares
/// it with that connection's counter now. Any commit in between, by anyone, retires the order.
public struct AccountOrder: Sendable {
    public let filter: AccountFilter
    public let sort: AccountSort
    public let ids: AccountIDs
    public let baseVersion: Int64

    public init(filter: AccountFilter, sort: AccountSort, ids: AccountIDs, baseVersion: Int64) {
        self.filter = filter
        self.sort = sort
        self.ids = ids
        self.baseVersion = baseVersion
    }

    public var count: Int { ids.count }

    public func isFor(filter: AccountFilter, sort: AccountSort) -> Bool {
        self.filter == filter && self.sort == sort
    }

    /// Where `id` is: checked first at `expected` (where the page says it is), else searched.
    func index(of id: Int64, near expected: Int) -> Int? {
        if ids.indices.contains(expected), ids[expected] == id { return expected }
        return ids.firstIndex(of: id)
    }
}
