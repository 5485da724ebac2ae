import AuthCore
import ConsoleUI

enum StatsCommand {
    static let spec = CommandSpec(
        name: "stats",
        summary: "Dashboard figures: users, new in 7 days, staff, superusers, active, OAuth users, providers, signups per day and per-provider usage.",
        positionals: [],
        options: [
            OptionSpec(name: "--format", valueName: "FORMAT", help: "table (default), json or csv", allowed: ["table", "json", "csv"]),
            OptionSpec(name: "--days", valueName: "N", help: "days of signups per day to show (default 30, at most 366)"),
        ])

    static func run(_ ctx: CommandContext) throws {
        let now = try ctx.now()
        let days = try ctx.positiveInt("--days", default: 30, max: 366)
        let store = try ctx.openStore()
        let stats = try store.stats(now: now, days: days)
        switch ctx.format() {
        case "json": StandardOutput.write(json(stats).serialized() + "\n")
        case "csv": StandardOutput.write(csv(stats))
        default: StandardOutput.write(table(stats, store: store))
        }
    }

    static func json(_ s: DashboardStats) -> JSONValue {
        .object([
            ("total_users", .int(s.totalUsers)),
            ("new_7d", .int(s.new7d)),
            ("staff", .int(s.staff)),
            ("superusers", .int(s.superusers)),
            ("active", .int(s.active)),
            ("oauth_users", .int(s.oauthUsers)),
            ("providers_installed", .null),
            ("providers_configured", .int(s.providersConfigured)),
            ("now", .date(s.now)),
            ("signups_per_day", .array(s.signupsPerDay.map { .object([("date", .string($0.date.description)), ("count", .int($0.count))]) })),
            ("providers", .object(s.providers.map { p in
                (p.id, .object([
                    ("account_count", .int(p.accountCount)),
                    ("active_users_30d", .int(p.activeUsers30d)),
                    ("provider_logins_30d", .int(p.providerLogins30d)),
                    ("last_linked", .date(p.lastLinked)),
                ]))
            })),
        ])
    }

    /// One `metric,key,value` row per figure, so a single CSV holds the scalars, the days and the
    /// providers.
    static func csv(_ s: DashboardStats) -> String {
        var out = CSVWriter.line(["metric", "key", "value"])
        let scalars: [(String, Int?)] = [("total_users", s.totalUsers), ("new_7d", s.new7d), ("staff", s.staff),
                                         ("superusers", s.superusers), ("active", s.active), ("oauth_users", s.oauthUsers),
                                         ("providers_configured", s.providersConfigured)]
        for (name, v) in scalars { out += CSVWriter.line([name, "", v.map(String.init)]) }
        for day in s.signupsPerDay { out += CSVWriter.line(["signups", day.date.description, String(day.count)]) }
        for p in s.providers {
            out += CSVWriter.line(["account_count", p.id, String(p.accountCount)])
            out += CSVWriter.line(["active_users_30d", p.id, p.activeUsers30d.map(String.init)])
            out += CSVWriter.line(["provider_logins_30d", p.id, String(p.providerLogins30d)])
            out += CSVWriter.line(["last_linked", p.id, p.lastLinked?.iso8601])
        }
        return out
    }

    static func table(_ s: DashboardStats, store: AuthStore) -> String {
        func n(_ v: Int?) -> String { v.map(String.init) ?? "n/a" }
        let share = s.totalUsers > 0 ? " (\(Percent.format(s.oauthUsers, of: s.totalUsers)))" : ""
        var out = "Database     \(UntrustedText.sanitized(store.displayName)) (users in \(store.schema.userTable.name))\n"
        out += "As of        \(s.now.iso8601)\n\n"
        out += "Total users  \(s.totalUsers)\n"
        out += "New in 7d    \(n(s.new7d))\n"
        out += "Active       \(n(s.active))\n"
        out += "Staff        \(n(s.staff))\n"
        out += "Superusers   \(n(s.superusers))\n"
        out += "OAuth users  \(s.oauthUsers)\(share)\n"
        out += "Providers    \(s.providersConfigured) configured\n"
        if let first = s.signupsPerDay.first, let last = s.signupsPerDay.last {
            let total = s.signupsPerDay.reduce(0) { $0 + $1.count }
            out += "\nSignups per day, last \(s.signupsPerDay.count) days (\(total) in all, \(first.date) to \(last.date)):\n"
            out += Sparkline.render(s.signupsPerDay.map(\.count)) + "\n"
        }
        if !s.providers.isEmpty {
            var t = TextTable([.init(title: "PROVIDER"), .init(title: "ACCOUNTS", alignRight: true),
                               .init(title: "ACTIVE 30D", alignRight: true), .init(title: "LOGINS 30D", alignRight: true),
                               .init(title: "LAST LINKED", maxWidth: 20)])
            for p in s.providers {
                t.add([p.id, String(p.accountCount), n(p.activeUsers30d), String(p.providerLogins30d), p.lastLinked?.iso8601Seconds])
            }
            out += "\n" + t.render()
        }
        for note in store.schema.limitations { out += "\nnote: " + UntrustedText.sanitized(note) }
        if !store.schema.limitations.isEmpty { out += "\n" }
        return out
    }
}
