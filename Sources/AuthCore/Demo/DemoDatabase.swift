#if canImport(Glibc)
import Glibc
#endif

/// Writes a demo database: the exact tables, indexes, migrations, content types and
/// permissions that Django + allauth migrations produce (`DjangoSQLiteSchema`, generated from a
/// real `migrate`), filled with synthetic users, social accounts (github, google, gitlab and an
/// OIDC app), email addresses, apps, groups and permissions.
///
/// The file is written under a temporary name and renamed into place, so a failure or an
/// interruption never leaves a partial database at `path`.
public struct DemoDatabase {
    public var users: Int
    public var seed: UInt64
    /// Dates are spread over the three years before this instant.
    public var now: UTCDateTime

    public static let maxUsers = 10_000_000
    public static let defaultUsers = 50_000
    static let oidcProviderID = "corp-sso"

    public init(users: Int, seed: UInt64 = 1, now: UTCDateTime = .now()) {
        self.users = users
        self.seed = seed
        self.now = now
    }

    /// The demo database `--demo` uses, made on first use in the user's cache folder.
    public static func ensureDefault(environment: [String: String]) throws -> String {
        let folder = cacheFolder(environment: environment)
        let path = folder + "/demo-\(defaultUsers).sqlite3"
        if access(path, R_OK) == 0 { return path }
        try makeFolders(folder)
        try DemoDatabase(users: defaultUsers).write(to: path, overwrite: false)
        return path
    }

    public static func cacheFolder(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/authconsole" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return home + "/.cache/authconsole"
    }

    public static func makeFolders(_ path: String) throws {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw DemoError.cannotWrite(path: path, detail: String(cString: strerror(errno)))
            }
        }
    }

    public func write(to path: String, overwrite: Bool, progress: ((Int) -> Void)? = nil) throws {
        guard users >= 0, users <= Self.maxUsers else { throw DemoError.tooManyUsers(users) }
        if !overwrite && access(path, F_OK) == 0 { throw DemoError.exists(path: path) }
        let temporary = path + ".partial-\(getpid())"
        unlink(temporary)
        let cleanup = InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(cleanup) }
        do {
            try fill(temporary, progress: progress)
            guard rename(temporary, path) == 0 else {
                throw DemoError.cannotWrite(path: path, detail: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private func fill(_ path: String, progress: ((Int) -> Void)?) throws {
        let db = try SQLiteWriter(creating: path)
        try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY")
        try db.execute("BEGIN")
        // Tables first, indexes after the rows: the same schema, built several times faster.
        let tables = DjangoSQLiteSchema.statements.filter { $0.hasPrefix("CREATE TABLE") }
        let indexes = DjangoSQLiteSchema.statements.filter { !$0.hasPrefix("CREATE TABLE") }
        for sql in tables { try db.execute(sql) }
        try writeCatalogue(db)
        var rng = DemoRandom(seed: seed)
        try writeSiteAndApps(db)
        try writeGroups(db, &rng)
        try writeUsers(db, &rng, progress: progress)
        for sql in indexes { try db.execute(sql) }
        try db.execute("COMMIT")
        try db.execute("PRAGMA journal_mode = DELETE")
    }

    private func writeCatalogue(_ db: SQLiteWriter) throws {
        let migration = try db.prepare("INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, ?)")
        let applied = DatabaseValue.text(now.adding(days: -1100).djangoSQLiteText)
        for m in DjangoSQLiteSchema.migrations { try migration.insert([.text(m.app), .text(m.name), applied]) }
        let contentType = try db.prepare("INSERT INTO django_content_type (id, app_label, model) VALUES (?, ?, ?)")
        for (i, ct) in DjangoSQLiteSchema.contentTypes.enumerated() { try contentType.insert([.integer(Int64(i + 1)), .text(ct.app), .text(ct.model)]) }
        let permission = try db.prepare("INSERT INTO auth_permission (id, content_type_id, codename, name) VALUES (?, ?, ?, ?)")
        for (i, p) in DjangoSQLiteSchema.permissions.enumerated() {
            try permission.insert([.integer(Int64(i + 1)), .integer(Int64(p.contentType)), .text(p.codename), .text(p.name)])
        }
    }

    private func writeSiteAndApps(_ db: SQLiteWriter) throws {
        try db.prepare("INSERT INTO django_site (id, domain, name) VALUES (1, 'demo.authconsole.test', 'authconsole demo')").insert([])
        let app = try db.prepare("INSERT INTO socialaccount_socialapp (id, provider, name, client_id, secret, key, provider_id, settings) VALUES (?, ?, ?, ?, ?, '', ?, ?)")
        let apps: [(String, String, String, String, String)] = [
            ("github", "GitHub", "Iv1.demo0000000000a1", "", "{}"),
            ("google", "Google", "000000000000-demo0000000000000000000000000.apps.googleusercontent.com", "", "{}"),
            ("gitlab", "GitLab", "demo00000000000000000000000000000000000000000000000000000000000b", "", "{}"),
            ("openid_connect", "Corporate SSO", "demo-authconsole", Self.oidcProviderID, "{\"server_url\": \"https://sso.demo.authconsole.test/realms/staff\"}"),
        ]
        let link = try db.prepare("INSERT INTO socialaccount_socialapp_sites (socialapp_id, site_id) VALUES (?, 1)")
        for (i, a) in apps.enumerated() {
            // Demo secrets are placeholders; the console never shows a secret either way.
            try app.insert([.integer(Int64(i + 1)), .text(a.0), .text(a.1), .text(a.2), .text("demo-secret-\(a.0)"), .text(a.3), .text(a.4)])
            try link.insert([.integer(Int64(i + 1))])
        }
    }

    private func writeGroups(_ db: SQLiteWriter, _ rng: inout DemoRandom) throws {
        let group = try db.prepare("INSERT INTO auth_group (id, name) VALUES (?, ?)")
        let grant = try db.prepare("INSERT INTO auth_group_permissions (group_id, permission_id) VALUES (?, ?)")
        let count = DjangoSQLiteSchema.permissions.count
        for (i, name) in ["Support", "Editors", "Auditors"].enumerated() {
            try group.insert([.integer(Int64(i + 1)), .text(name)])
            var granted = Set<Int>()
            for _ in 0..<(4 + i * 3) where count > 0 { granted.insert(rng.below(count) + 1) }
            for p in granted.sorted() { try grant.insert([.integer(Int64(i + 1)), .integer(Int64(p))]) }
        }
    }

    private static let firstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Linus",
                                     "Radia", "Guido", "Sophie", "Tim", "Hedy", "Dennis", "Karen", "Niklaus", "Leslie", "Yukihiro",
                                     "Zoë", "José", "Søren", "Chloé", "Mei", "Arjun", "Fatima", "Olumide", "Ingrid", "Mateo"]
    private static let lastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton",
                                    "Torvalds", "Perlman", "Rossum", "Wilson", "Berners-Lee", "Lamarr", "Ritchie", "Jones", "Wirth",
                                    "Lamport", "Matsumoto", "García", "Müller", "Nakamura", "Okafor", "Andersen", "Rossi", "Khan"]
    private static let domains = ["example.com", "mail.test", "corp.example", "uni.example.edu", "example.org"]

    private func writeUsers(_ db: SQLiteWriter, _ rng: inout DemoRandom, progress: ((Int) -> Void)?) throws {
        let user = try db.prepare("""
            INSERT INTO auth_user (id, password, last_login, is_superuser, username, last_name, email, is_staff, is_active, date_joined, first_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let account = try db.prepare("INSERT INTO socialaccount_socialaccount (id, provider, uid, last_login, date_joined, user_id, extra_data) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let email = try db.prepare("INSERT INTO account_emailaddress (id, verified, \"primary\", user_id, email) VALUES (?, ?, ?, ?, ?)")
        let token = try db.prepare("INSERT INTO socialaccount_socialtoken (id, token, token_secret, expires_at, account_id, app_id) VALUES (?, ?, '', ?, ?, ?)")
        let membership = try db.prepare("INSERT INTO auth_user_groups (user_id, group_id) VALUES (?, ?)")

        let joinTimes = SignupPlan(users: users, now: now, rng: &rng)
        var accountID: Int64 = 0, emailID: Int64 = 0, tokenID: Int64 = 0
        let providers: [(id: String, weight: Int, app: Int64)] = [("github", 40, 1), ("google", 35, 2), ("gitlab", 10, 3), (Self.oidcProviderID, 15, 4)]
        func pickProvider(_ rng: inout DemoRandom) -> (id: String, weight: Int, app: Int64) {
            var r = rng.below(100)
            for p in providers { if r < p.weight { return p }; r -= p.weight }
            return providers[0]
        }

        for n in 1...max(1, users) where users > 0 {
            let id = Int64(n)
            let first = rng.pick(Self.firstNames), last = rng.pick(Self.lastNames)
            let username = "\(first.lowercased()).\(last.lowercased())\(n)"
            let address = "\(username)@\(rng.pick(Self.domains))"
            let joined = joinTimes.joined(user: n)
            let lastLogin: DatabaseValue = rng.chance(0.1) ? .null
                : .text(UTCDateTime(microsecondsSinceEpoch: joined.microseconds + Int64(rng.below(Int(max(1, now.microseconds - joined.microseconds))))).djangoSQLiteText)
            let superuser = n == 1 || rng.chance(0.0005)
            let staff = superuser || rng.chance(0.005)
            try user.insert([.integer(id), .text("!" + rng.hex(40)), lastLogin, .integer(superuser ? 1 : 0), .text(username), .text(last),
                             .text(address), .integer(staff ? 1 : 0), .integer(rng.chance(0.97) ? 1 : 0), .text(joined.djangoSQLiteText), .text(first)])
            emailID += 1
            try email.insert([.integer(emailID), .integer(rng.chance(0.8) ? 1 : 0), .integer(1), .integer(id), .text(address)])
            if rng.chance(0.1) {
                emailID += 1
                try email.insert([.integer(emailID), .integer(rng.chance(0.5) ? 1 : 0), .integer(0), .integer(id), .text("\(username)+alt@\(rng.pick(Self.domains))")])
            }
            if staff && rng.chance(0.5) { try membership.insert([.integer(id), .integer(Int64(1 + rng.below(3)))]) }
            if rng.chance(0.7) {
                var used = Set<String>()
                for _ in 0..<(rng.chance(0.12) ? 2 : 1) {
                    let p = pickProvider(&rng)
                    guard used.insert(p.id).inserted else { continue }
                    accountID += 1
                    let linked = UTCDateTime(microsecondsSinceEpoch: min(now.microseconds, joined.microseconds + Int64(rng.below(86_400_000_000))))
                    let seen = UTCDateTime(microsecondsSinceEpoch: linked.microseconds + Int64(rng.below(Int(max(1, now.microseconds - linked.microseconds)))))
                    let uid: String
                    let extra: String
                    switch p.id {
                    case "github":
                        uid = String(1000 + n * 7 + rng.below(7))
                        extra = "{\"login\": \"\(first.lowercased())\(n)\", \"id\": \(uid), \"name\": \"\(first) \(last)\", \"html_url\": \"https://github.com/\(first.lowercased())\(n)\", \"avatar_url\": \"https://avatars.githubusercontent.com/u/\(uid)\"}"
                    case "google":
                        uid = "1" + String(100_000_000_000_000_000 + UInt64(n) * 1009 + UInt64(rng.below(1000)))
                        extra = "{\"sub\": \"\(uid)\", \"email\": \"\(address)\", \"email_verified\": true, \"name\": \"\(first) \(last)\", \"picture\": \"https://lh3.googleusercontent.com/a/\(rng.hex(12))\"}"
                    case "gitlab":
                        uid = String(500 + n * 3)
                        extra = "{\"id\": \(uid), \"username\": \"\(first.lowercased())\(n)\", \"name\": \"\(first) \(last)\", \"state\": \"active\"}"
                    default:
                        uid = "\(rng.hex(8))-\(rng.hex(4))-4\(rng.hex(3))-a\(rng.hex(3))-\(String(format: n))"
                        extra = "{\"sub\": \"\(uid)\", \"preferred_username\": \"\(username)\", \"email\": \"\(address)\"}"
                    }
                    try account.insert([.integer(accountID), .text(p.id), .text(uid), .text(seen.djangoSQLiteText), .text(linked.djangoSQLiteText), .integer(id), .text(extra)])
                    if rng.chance(0.3) {
                        tokenID += 1
                        try token.insert([.integer(tokenID), .text("demo-token-\(rng.hex(24))"), .text(seen.adding(days: 30).djangoSQLiteText), .integer(accountID), .integer(p.app)])
                    }
                }
            }
            if n % 100_000 == 0 { progress?(n) }
        }
    }
}

private func String(format n: Int) -> String {
    let s = String(n % 1_000_000_000_000)
    return String(repeating: "0", count: max(0, 12 - s.count)) + s
}

/// When each demo user joined: three years of signups that grow over time, dip at weekends and
/// vary from day to day, assigned in id order (Django's ids follow creation order), the last
/// day ending at `now`.
struct SignupPlan {
    private let firstDay: Int
    private let cumulative: [Double]
    private let users: Int
    private let now: UTCDateTime
    static let days = 3 * 365

    init(users: Int, now: UTCDateTime, rng: inout DemoRandom) {
        self.users = users
        self.now = now
        let today = now.date.daysSinceEpoch
        firstDay = today - Self.days + 1
        var running = 0.0
        var sums: [Double] = []
        for offset in 0..<Self.days {
            let day = firstDay + offset
            let weekday = ((day % 7) + 11) % 7  // 0 = Sunday (1970-01-01 was a Thursday)
            let trend = 0.25 + 0.75 * Double(offset) / Double(Self.days)
            let weekend = weekday == 0 || weekday == 6 ? 0.55 : 1.0
            var weight = trend * weekend * (0.7 + 0.6 * rng.unit())
            if offset == Self.days - 1 {
                // Today only up to now.
                let elapsed = Double(now.microseconds - now.startOfDay.microseconds) / Double(UTCDateTime.microsecondsPerDay)
                weight *= elapsed
            }
            running += weight
            sums.append(running)
        }
        cumulative = sums
    }

    /// The join time of user `n` (1-based): where `n` falls in the cumulative plan.
    func joined(user n: Int) -> UTCDateTime {
        guard let total = cumulative.last, total > 0, users > 0 else { return now }
        let target = (Double(n) - 0.5) / Double(users) * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        let start = lo == 0 ? 0 : cumulative[lo - 1]
        let width = cumulative[lo] - start
        var fraction = width > 0 ? (target - start) / width : 0
        if lo == cumulative.count - 1 {
            fraction *= Double(now.microseconds - now.startOfDay.microseconds) / Double(UTCDateTime.microsecondsPerDay)
        }
        let micro = Int64(fraction * Double(UTCDateTime.microsecondsPerDay))
        return UTCDateTime(microsecondsSinceEpoch: min(now.microseconds, UTCDateTime(date: CivilDate(daysSinceEpoch: firstDay + lo)).microseconds + micro))
    }
}
