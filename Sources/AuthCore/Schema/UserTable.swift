/// The table behind `AUTH_USER_MODEL` and which of Django's usual columns it has. Custom user
/// models may lack any of the optional ones; features built on a missing column degrade.
public struct UserTable: Equatable, Sendable {
    public let name: String
    public let primaryKey: String
    public let columns: [ColumnInfo]

    public init(name: String, columns: [ColumnInfo]) {
        self.name = name
        self.columns = columns
        self.primaryKey = columns.first(where: { $0.isPrimaryKey })?.name ?? "id"
    }

    public func has(_ column: String) -> Bool { columns.contains { $0.name == column } }

    /// The column when present, for the standard names Django's `AbstractUser` uses.
    public func column(_ name: String) -> String? { has(name) ? name : nil }

    public var username: String? { column("username") }
    public var email: String? { column("email") }
    public var isStaff: String? { column("is_staff") }
    public var isSuperuser: String? { column("is_superuser") }
    public var isActive: String? { column("is_active") }
    public var dateJoined: String? { column("date_joined") }
    public var lastLogin: String? { column("last_login") }
}

/// A many-to-many link table such as `auth_user_groups`: which column points at each side.
public struct LinkTable: Equatable, Sendable {
    public let name: String
    public let leftColumn: String
    public let rightColumn: String
}
