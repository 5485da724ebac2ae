/// A social account as the user page shows it. Tokens are never read into it.
public struct LinkedAccount: Equatable, Sendable {
    public let id: Int64
    public let provider: String
    public let uid: String
    public let dateJoined: UTCDateTime?
    public let lastLogin: UTCDateTime?
    public let extraData: ExtraDataSummary
    /// Whether an OAuth token is stored for this account (its value is never read).
    public let hasToken: Bool
}

public struct EmailAddressInfo: Equatable, Sendable {
    public let email: String
    public let verified: Bool
    public let primary: Bool
}

/// One user's page: fields, groups, effective permissions, linked accounts, email addresses.
public struct UserDetail: Equatable, Sendable {
    public let id: Int64
    public let username: String?
    public let email: String?
    public let isActive: Bool?
    public let isStaff: Bool?
    public let isSuperuser: Bool?
    public let dateJoined: UTCDateTime?
    public let lastLogin: UTCDateTime?
    /// Whether the password can be used to sign in (Django marks unusable ones with `!`); the
    /// hash itself is never read out.
    public let hasUsablePassword: Bool?
    /// Every other column of the user table except the password, in table order, as text.
    public let otherFields: [(name: String, value: String?)]
    public let groups: [String]
    /// `app_label.codename`, sorted, as `ModelBackend.get_all_permissions` gives them.
    public let permissions: [String]
    public let accounts: [LinkedAccount]
    public let emails: [EmailAddressInfo]

    public static func == (a: UserDetail, b: UserDetail) -> Bool {
        a.id == b.id && a.username == b.username && a.email == b.email && a.isActive == b.isActive
            && a.isStaff == b.isStaff && a.isSuperuser == b.isSuperuser && a.dateJoined == b.dateJoined
            && a.lastLogin == b.lastLogin && a.hasUsablePassword == b.hasUsablePassword
            && a.otherFields.map(\.name) == b.otherFields.map(\.name) && a.otherFields.map(\.value) == b.otherFields.map(\.value)
            && a.groups == b.groups && a.permissions == b.permissions && a.accounts == b.accounts && a.emails == b.emails
    }
}
