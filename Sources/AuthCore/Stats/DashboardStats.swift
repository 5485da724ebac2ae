/// Signups on one UTC calendar day.
public struct DailyCount: Equatable, Sendable {
    public let date: CivilDate
    public let count: Int
}

/// How one provider (as accounts store it: the provider id, or an OIDC/SAML app's provider_id)
/// is used.
public struct ProviderUsage: Equatable, Sendable {
    public let id: String
    public let accountCount: Int
    /// Distinct users of this provider whose own `last_login` is in the last 30 days (what the
    /// original plugin counts); nil when the user table has no `last_login`.
    public let activeUsers30d: Int?
    /// Distinct users who signed in through this provider in the last 30 days
    /// (`socialaccount.last_login`).
    public let providerLogins30d: Int
    public let lastLinked: UTCDateTime?

    public init(id: String, accountCount: Int, activeUsers30d: Int?, providerLogins30d: Int, lastLinked: UTCDateTime?) {
        self.id = id
        self.accountCount = accountCount
        self.activeUsers30d = activeUsers30d
        self.providerLogins30d = providerLogins30d
        self.lastLinked = lastLinked
    }
}

/// The dashboard figures, all read from one snapshot. A nil figure is one this schema cannot
/// give (see `DjangoSchema.limitations`).
public struct DashboardStats: Equatable, Sendable {
    public let now: UTCDateTime
    public let totalUsers: Int
    public let new7d: Int?
    public let staff: Int?
    public let superusers: Int?
    public let active: Int?
    public let oauthUsers: Int
    /// Provider ids with a database app or with accounts (settings join in with the provider
    /// configuration).
    public let configuredProviderIDs: [String]
    /// Signups per day, oldest first, ending with `now`'s UTC date; empty without `date_joined`.
    public let signupsPerDay: [DailyCount]
    /// Sorted by provider id.
    public let providers: [ProviderUsage]

    public var providersConfigured: Int { configuredProviderIDs.count }

    /// The last `days` entries of `signupsPerDay`.
    public func signups(lastDays days: Int) -> [DailyCount] { Array(signupsPerDay.suffix(days)) }
}
