/// The columns the accounts table sorts by. `date_joined` and `last_login` are the social
/// account's own (when it was linked, when it last signed in).
public enum AccountSortField: String, CaseIterable, Sendable {
    case id, user_id, username, email, provider, uid, date_joined, last_login
}

/// A sort column and direction; ties are broken by account id in the same direction, so every
/// ordering is total and pages are stable.
public struct AccountSort: Equatable, Sendable, CustomStringConvertible {
    public let field: AccountSortField
    public let descending: Bool

    public init(field: AccountSortField, descending: Bool) {
        self.field = field
        self.descending = descending
    }

    /// Newest linked first.
    public static let `default` = AccountSort(field: .date_joined, descending: true)

    /// Parses Django's ordering syntax: `field` or `-field`.
    public init?(parsing text: String) {
        let desc = text.hasPrefix("-")
        guard let field = AccountSortField(rawValue: desc ? String(text.dropFirst()) : text) else { return nil }
        self.init(field: field, descending: desc)
    }

    public var flipped: AccountSort { AccountSort(field: field, descending: !descending) }

    public var description: String { (descending ? "-" : "") + field.rawValue }
}
