/// What a Django database holds, as discovered from its catalogue rather than assumed.
public struct DjangoSchema: Equatable, Sendable {
    public let userTable: UserTable
    /// `socialaccount_socialaccount` and friends exist.
    public let hasSocialAccounts: Bool
    public let hasSocialApps: Bool
    public let hasSocialAppSites: Bool
    public let hasSites: Bool
    public let hasEmailAddresses: Bool
    public let hasTokens: Bool
    public let userGroups: LinkTable?
    public let userPermissions: LinkTable?
    public let groupPermissions: LinkTable?
    /// `auth_permission` and `django_content_type` are both there.
    public let hasPermissionCatalogue: Bool
    /// One sentence per feature that is unavailable on this schema, and why.
    public let limitations: [String]

    public static let socialAccount = "socialaccount_socialaccount"
    public static let socialApp = "socialaccount_socialapp"
    public static let socialAppSites = "socialaccount_socialapp_sites"
    public static let socialToken = "socialaccount_socialtoken"
    public static let site = "django_site"
    public static let emailAddress = "account_emailaddress"
    public static let group = "auth_group"
    public static let permission = "auth_permission"
    public static let contentType = "django_content_type"
    public static let migrations = "django_migrations"
}
