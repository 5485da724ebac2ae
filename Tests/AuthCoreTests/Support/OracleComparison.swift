import XCTest
@testable import AuthCore

/// The comparisons with Django's ORM, shared by the SQLite and the PostgreSQL suites: a store
/// against the `*.expected.json` the oracle wrote for the same database.
enum OracleComparison {
    static func assertStats(_ store: AuthStore, _ expected: [String: Any], _ name: String) throws {
        let want = try XCTUnwrap(expected.dict("stats"))
        XCTAssertEqual(store.schema.userTable.name, expected.string("user_table"), name)
        let stats = try store.stats(now: try Fixtures.now(expected), days: 90)
        XCTAssertEqual(stats.totalUsers, want.int("total_users"), name)
        XCTAssertEqual(stats.new7d, want.int("new_7d"), name)
        XCTAssertEqual(stats.staff, want.int("staff"), name)
        XCTAssertEqual(stats.superusers, want.int("superusers"), name)
        XCTAssertEqual(stats.active, want.int("active"), name)
        XCTAssertEqual(stats.oauthUsers, want.int("oauth_users"), name)
        XCTAssertEqual(stats.providersConfigured, want.int("providers_configured"), name)
        for days in [30, 90] {
            let series = want.list("signups_per_day_\(days)").map { "\($0.string("date") ?? "?")=\($0.int("count") ?? -1)" }
            XCTAssertEqual(series.count, days, name)
            XCTAssertEqual(stats.signups(lastDays: days).map { "\($0.date)=\($0.count)" }, series, "\(name) \(days) days")
        }
        let providers = try XCTUnwrap(want.dict("providers"))
        XCTAssertEqual(stats.providers.map(\.id).sorted(), providers.keys.sorted(), name)
        for usage in stats.providers {
            let p = try XCTUnwrap(providers[usage.id] as? [String: Any])
            XCTAssertEqual(usage.accountCount, p.int("account_count"), "\(name) \(usage.id)")
            XCTAssertEqual(usage.activeUsers30d, p.int("active_users_30d"), "\(name) \(usage.id)")
            XCTAssertEqual(usage.providerLogins30d, p.int("provider_logins_30d"), "\(name) \(usage.id)")
            XCTAssertEqual(usage.lastLinked?.iso8601, p.string("last_linked"), "\(name) \(usage.id)")
        }
    }

    /// Every accounts query the oracle ran through Django's Paginator; returns how many.
    static func assertAccountQueries(_ store: AuthStore, _ expected: [String: Any], _ name: String) throws -> Int {
        var checked = 0
        for q in expected.list("account_queries") {
            let sort = try XCTUnwrap(AccountSort(parsing: try XCTUnwrap(q.string("sort"))))
            let filter = AccountFilter(search: q.string("search"), provider: q.string("provider"))
            let pageSize = try XCTUnwrap(q.int("page_size"))
            let pager = try store.accounts(filter: filter, sort: sort, pageSize: pageSize)
            let label = "\(name) search=\(String(reflecting: filter.search)) provider=\(filter.provider ?? "-") sort=\(sort) page=\(q.int("page") ?? 0)"
            let page = try pager.page(try XCTUnwrap(q.int("page")))
            XCTAssertEqual(page.rows.map { Int($0.id) }, q["ids"] as? [Int], label)
            let count = try pager.count()
            XCTAssertEqual(count, q.int("count"), label)
            XCTAssertEqual(AccountPager.numberOfPages(count: count, pageSize: pageSize), q.int("num_pages"), label)
            checked += 1
        }
        return checked
    }

    /// Walking with next() and then previous() visits exactly the pages OFFSET gives, so keyset
    /// paging never skips or repeats a row.
    static func assertKeysetEqualsOffset(_ pager: AccountPager, _ label: String) throws {
        let total = try pager.count()
        let size = pager.query.pageSize
        var forward: [AccountPage] = [try pager.page(1)]
        while let last = forward.last, last.hasNext { forward.append(try pager.next(after: last)) }
        XCTAssertEqual(forward.count, AccountPager.numberOfPages(count: total, pageSize: size), label)
        XCTAssertEqual(forward.flatMap(\.rows).count, total, label)
        XCTAssertEqual(Set(forward.flatMap(\.rows).map(\.id)).count, total, "no row twice: \(label)")
        for page in forward {
            XCTAssertEqual(page.rows.map(\.id), try pager.page(page.number).rows.map(\.id), "\(label) page \(page.number)")
        }
        var current = try XCTUnwrap(forward.last)
        while current.hasPrevious {
            let previous = try pager.previous(before: current)
            XCTAssertEqual(previous.rows.map(\.id), forward[previous.number - 1].rows.map(\.id), "\(label) back to \(previous.number)")
            current = previous
        }
        XCTAssertEqual(current.number, 1, label)
    }

    /// Every user page the oracle wrote; returns how many.
    static func assertUsers(_ store: AuthStore, _ expected: [String: Any], _ name: String) throws -> Int {
        var checked = 0
        for want in expected.list("users") {
            let id = Int64(try XCTUnwrap(want.int("id")))
            let u = try store.user(id: id)
            let label = "\(name) user \(id)"
            XCTAssertEqual(u.username, want.string("username"), label)
            XCTAssertEqual(u.email, want.string("email"), label)
            XCTAssertEqual(u.isActive, want["is_active"] as? Bool, label)
            XCTAssertEqual(u.isStaff, want["is_staff"] as? Bool, label)
            XCTAssertEqual(u.isSuperuser, want["is_superuser"] as? Bool, label)
            XCTAssertEqual(u.dateJoined?.iso8601, want.string("date_joined"), label)
            XCTAssertEqual(u.lastLogin?.iso8601, want.string("last_login"), label)
            XCTAssertEqual(u.groups, want["groups"] as? [String], label)
            XCTAssertEqual(u.permissions, want["permissions"] as? [String], label)
            let accounts = want.list("social_accounts")
            XCTAssertEqual(u.accounts.map { Int($0.id) }, accounts.compactMap { $0.int("id") }, label)
            XCTAssertEqual(u.accounts.map(\.provider), accounts.compactMap { $0.string("provider") }, label)
            XCTAssertEqual(u.accounts.map(\.uid), accounts.compactMap { $0.string("uid") }, label)
            XCTAssertEqual(u.accounts.map { $0.dateJoined?.iso8601 }, accounts.map { $0.string("date_joined") }, label)
            XCTAssertEqual(u.accounts.map { $0.lastLogin?.iso8601 }, accounts.map { $0.string("last_login") }, label)
            let emails = want.list("emails")
            XCTAssertEqual(u.emails.map(\.email), emails.compactMap { $0.string("email") }, label)
            XCTAssertEqual(u.emails.map(\.verified), emails.compactMap { $0["verified"] as? Bool }, label)
            XCTAssertEqual(u.emails.map(\.primary), emails.compactMap { $0["primary"] as? Bool }, label)
            XCTAssertFalse(u.otherFields.contains { $0.name == "password" }, label)
            checked += 1
        }
        return checked
    }
}
