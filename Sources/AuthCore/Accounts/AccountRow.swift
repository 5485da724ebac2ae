/// One social account with the user it belongs to.
public struct AccountRow: Equatable, Sendable {
    public let id: Int64
    public let userID: Int64
    /// Nil when the user model has no such column.
    public let username: String?
    public let email: String?
    public let provider: String
    public let uid: String
    public let dateJoined: UTCDateTime?
    public let lastLogin: UTCDateTime?
    /// The value of the sort column, as the database compares it; the keyset cursor.
    let sortValue: DatabaseValue
}

/// Where a keyset page starts or ends: the sort value and id of a boundary row.
public struct AccountCursor: Equatable, Sendable {
    let sortValue: DatabaseValue
    let id: Int64
}

/// One page of the accounts table.
public struct AccountPage: Equatable, Sendable {
    public let rows: [AccountRow]
    /// 1-based, as Django's paginator numbers pages.
    public let number: Int
    public let pageSize: Int
    public let hasNext: Bool
    public let hasPrevious: Bool

    /// Position of the first row in the whole result, 1-based (0 when the page is empty).
    public var firstRowNumber: Int { rows.isEmpty ? 0 : (number - 1) * pageSize + 1 }
    public var lastRowNumber: Int { rows.isEmpty ? 0 : firstRowNumber + rows.count - 1 }

    public var firstCursor: AccountCursor? { rows.first.map { AccountCursor(sortValue: $0.sortValue, id: $0.id) } }
    public var lastCursor: AccountCursor? { rows.last.map { AccountCursor(sortValue: $0.sortValue, id: $0.id) } }
}
