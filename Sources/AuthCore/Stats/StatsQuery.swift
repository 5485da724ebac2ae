/// Computes `DashboardStats` with as few passes over each table as the figures allow: one over
/// the user table for the counts, one grouped by day for signups, one over social accounts
/// grouped by provider, one for distinct OAuth users.
struct StatsQuery {
    let db: DatabaseConnection
    let schema: DjangoSchema

    private var d: SQLDialect { db.dialect }
    private var users: UserTable { schema.userTable }

    func run(now: UTCDateTime, days: Int) throws -> DashboardStats {
        try db.readTransaction {
            let counts = try userCounts(now: now)
            let signups = try signupsPerDay(now: now, days: days)
            let oauthUsers = try oauthUserCount()
            let providers = try providerUsage(now: now)
            let configured = Set(try appProviderIDs()).union(providers.map(\.id))
            return DashboardStats(
                now: now,
                totalUsers: counts.total,
                new7d: counts.new7d,
                staff: counts.staff,
                superusers: counts.superusers,
                active: counts.active,
                oauthUsers: oauthUsers,
                configuredProviderIDs: configured.sorted(),
                signupsPerDay: signups,
                providers: providers
            )
        }
    }

    private func userCounts(now: UTCDateTime) throws -> (total: Int, new7d: Int?, staff: Int?, superusers: Int?, active: Int?) {
        var select = ["COUNT(*)"]
        var args: [DatabaseValue] = []
        var slots: [String: Int] = [:]
        func add(_ key: String, _ expr: String) {
            slots[key] = select.count
            select.append(expr)
        }
        if let joined = users.dateJoined {
            args.append(d.dateTimeArgument(now.adding(days: -7)))
            add("new7d", "SUM(CASE WHEN \(d.quote(joined)) >= \(d.placeholder(args.count)) THEN 1 ELSE 0 END)")
        }
        if let c = users.isStaff { add("staff", d.countTrue(d.quote(c))) }
        if let c = users.isSuperuser { add("superusers", d.countTrue(d.quote(c))) }
        if let c = users.isActive { add("active", d.countTrue(d.quote(c))) }
        let row = try db.queryOne("SELECT \(select.joined(separator: ", ")) FROM \(d.quote(users.name))", args)
        func value(_ key: String) -> Int? {
            guard let i = slots[key] else { return nil }
            return Int(row?[i].int ?? 0)  // SUM over no rows is NULL: zero users
        }
        return (Int(row?[0].int ?? 0), value("new7d"), value("staff"), value("superusers"), value("active"))
    }

    private func signupsPerDay(now: UTCDateTime, days: Int) throws -> [DailyCount] {
        guard let joined = users.dateJoined, days > 0 else { return [] }
        let today = now.date
        let first = today.adding(days: -(days - 1))
        let column = d.quote(joined)
        let sql = """
            SELECT \(d.utcDate(of: column)) AS day, COUNT(*) FROM \(d.quote(users.name))
            WHERE \(column) >= \(d.placeholder(1)) AND \(column) < \(d.placeholder(2))
            GROUP BY day
            """
        var byDay: [String: Int] = [:]
        for row in try db.query(sql, [d.dateTimeArgument(UTCDateTime(date: first)), d.dateTimeArgument(UTCDateTime(date: today.adding(days: 1)))]) {
            if let day = row[0].string { byDay[day] = Int(row[1].int ?? 0) }
        }
        return (0..<days).map { offset in
            let date = first.adding(days: offset)
            return DailyCount(date: date, count: byDay[date.description] ?? 0)
        }
    }

    private func oauthUserCount() throws -> Int {
        guard schema.hasSocialAccounts else { return 0 }
        let row = try db.queryOne("SELECT COUNT(DISTINCT user_id) FROM \(d.quote(DjangoSchema.socialAccount))")
        return Int(row?[0].int ?? 0)
    }

    /// Two statements instead of one join of every account to its user (which walked the
    /// (provider, uid) index and looked up each account's row and its user's at random: ~1.9 s of
    /// the dashboard's 2.5 s at 1M users):
    /// - over social accounts alone, per provider: the count, the last link, and the distinct
    ///   users with a provider login in 30 days (the user's existence checked, as Django's
    ///   `User.objects.filter(socialaccount__...)` join does, only for those recent rows);
    /// - from the users who logged in within 30 days (a scan of the user table) to their accounts
    ///   through the user_id index: the distinct active users per provider.
    /// As Django's ORM computes them (`SocialAccount.objects.filter(provider=p).count()` has no
    /// join to users).
    ///
    /// On PostgreSQL that split is the slow form: the second statement walks the (provider, uid)
    /// index in provider order, reading every account's row at random, and its correlated EXISTS
    /// inflates the plan's cost past JIT's inlining and optimization thresholds (about 0.3 s of
    /// compiling at 1M users). There one join does it: accounts LEFT JOIN users, a parallel hash
    /// join, as fast as psql running the minimal SQL.
    func providerUsage(now: UTCDateTime) throws -> [ProviderUsage] {
        guard schema.hasSocialAccounts else { return [] }
        let since = d.dateTimeArgument(now.adding(days: -30))
        if d.kind == .postgres { return try providerUsageInOneJoin(since: since) }
        let sa = d.quote(DjangoSchema.socialAccount)
        let userTable = d.quote(users.name)
        let pk = d.quote(users.primaryKey)
        var activeByProvider: [String: Int] = [:]
        if let lastLogin = users.lastLogin {
            let sql = """
                SELECT sa.provider, COUNT(DISTINCT sa.user_id)
                FROM \(userTable) u CROSS JOIN \(sa) sa
                WHERE sa.user_id = u.\(pk) AND u.\(d.quote(lastLogin)) >= \(d.placeholder(1))
                GROUP BY sa.provider
                """
            for row in try db.query(sql, [since]) {
                if let id = row[0].string { activeByProvider[id] = Int(row[1].int ?? 0) }
            }
        }
        let sql = """
            SELECT sa.provider, COUNT(*),
                   COUNT(DISTINCT CASE WHEN sa.last_login >= \(d.placeholder(1))
                         AND EXISTS (SELECT 1 FROM \(userTable) u WHERE u.\(pk) = sa.user_id) THEN sa.user_id END),
                   MAX(sa.date_joined)
            FROM \(sa) sa
            GROUP BY sa.provider ORDER BY sa.provider
            """
        return try db.query(sql, [since]).compactMap { row in
            usage(row, activeUsers: { activeByProvider[$0] ?? 0 })
        }
    }

    /// The same figures in one statement, for PostgreSQL. The LEFT JOIN keeps every account in
    /// COUNT(*) (Django's `filter(provider=p).count()` joins nothing); `u.pk IS NOT NULL` is the
    /// user's existence Django's `User.objects.filter(socialaccount__...)` join checks.
    private func providerUsageInOneJoin(since: DatabaseValue) throws -> [ProviderUsage] {
        let pk = d.quote(users.primaryKey)
        let active = users.lastLogin.map { "COUNT(DISTINCT CASE WHEN u.\(d.quote($0)) >= \(d.placeholder(1)) THEN sa.user_id END)" } ?? "NULL"
        let sql = """
            SELECT sa.provider, COUNT(*),
                   COUNT(DISTINCT CASE WHEN sa.last_login >= \(d.placeholder(1)) AND u.\(pk) IS NOT NULL THEN sa.user_id END),
                   MAX(sa.date_joined), \(active)
            FROM \(d.quote(DjangoSchema.socialAccount)) sa LEFT JOIN \(d.quote(users.name)) u ON u.\(pk) = sa.user_id
            GROUP BY sa.provider ORDER BY sa.provider
            """
        return try db.query(sql, [since]).compactMap { row in
            usage(row, activeUsers: { _ in Int(row[4].int ?? 0) })
        }
    }

    /// A row of provider, account count, provider logins in 30 days and last link; the active
    /// users only where the user table has last_login.
    private func usage(_ row: DatabaseRow, activeUsers: (String) -> Int) -> ProviderUsage? {
        guard let id = row[0].string else { return nil }
        return ProviderUsage(
            id: id,
            accountCount: Int(row[1].int ?? 0),
            activeUsers30d: users.lastLogin != nil ? activeUsers(id) : nil,
            providerLogins30d: Int(row[2].int ?? 0),
            lastLinked: row[3].dateTime
        )
    }

    /// The ids database apps are reached under: an OIDC/SAML app's provider_id, else its provider.
    private func appProviderIDs() throws -> [String] {
        guard schema.hasSocialApps else { return [] }
        let sql = "SELECT DISTINCT CASE WHEN provider_id <> '' THEN provider_id ELSE provider END FROM \(d.quote(DjangoSchema.socialApp))"
        return try db.query(sql).compactMap { $0[0].string }
    }
}

extension AuthStore {
    /// Accounts per stored provider id, from the `(provider, uid)` unique index alone: what a
    /// check for orphaned accounts needs, without the dashboard's scans. The 30-day figures are
    /// not computed (nil/0) and must not be shown.
    public func accountCountsByProvider() throws -> [ProviderUsage] {
        guard schema.hasSocialAccounts else { return [] }
        let sql = "SELECT provider, COUNT(*) FROM \(db.dialect.quote(DjangoSchema.socialAccount)) GROUP BY provider ORDER BY provider"
        return try db.query(sql).compactMap { row in
            guard let id = row[0].string else { return nil }
            return ProviderUsage(id: id, accountCount: Int(row[1].int ?? 0), activeUsers30d: nil, providerLogins30d: 0, lastLinked: nil)
        }
    }
}
