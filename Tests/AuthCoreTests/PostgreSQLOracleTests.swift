import XCTest
@testable import AuthCore

/// The same comparisons as the SQLite suites, on the same seeded data built in PostgreSQL by
/// Django's real migrations: every figure, every accounts query and every user page must equal
/// what Django's ORM computed on that PostgreSQL database (PostgreSQL's collation and UPPER()
/// make some searches and orders differ from SQLite; the ORM on PostgreSQL is the truth here).
final class PostgreSQLOracleTests: XCTestCase {
    func testDashboardFiguresEqualDjangoORM() throws {
        let server = try PostgreSQLTestServer.require()
        for name in Fixtures.names {
            let expected = try server.expected(name)
            let want = try XCTUnwrap(expected.dict("stats"))
            let store = try server.store(name)
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
    }

    func testEveryAccountQueryEqualsDjangoPaginator() throws {
        let server = try PostgreSQLTestServer.require()
        var checked = 0
        for name in ["default", "custom"] {
            let store = try server.store(name)
            for q in try server.expected(name).list("account_queries") {
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
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// next()/previous() keyset pages visit exactly the OFFSET pages, for every sort, under
    /// PostgreSQL's collation (the row comparison and ORDER BY must agree on it).
    func testKeysetPagesEqualOffsetPagesForEverySort() throws {
        let server = try PostgreSQLTestServer.require()
        for name in ["default", "custom"] {
            let store = try server.store(name)
            for field in AccountSortField.allCases where store.schema.userTable.has(field.rawValue) || ![.username, .email].contains(field) {
                for descending in [false, true] {
                    for filter in [AccountFilter(), AccountFilter(search: "a")] {
                        let label = "\(name) \(field) desc=\(descending) search=\(filter.search ?? "-")"
                        let pager = try store.accounts(filter: filter, sort: AccountSort(field: field, descending: descending), pageSize: 7)
                        let total = try pager.count()
                        let pages = AccountPager.numberOfPages(count: total, pageSize: 7)
                        var forward: [AccountPage] = [try pager.page(1)]
                        while let last = forward.last, last.hasNext { forward.append(try pager.next(after: last)) }
                        XCTAssertEqual(forward.count, pages, label)
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
                }
            }
        }
    }

    /// The export stream (one statement) is the pages one after the other, for every sort.
    func testStreamedRowsEqualThePages() throws {
        let store = try PostgreSQLTestServer.require().store("default")
        for field in AccountSortField.allCases {
            for filter in [AccountFilter(), AccountFilter(search: "git", provider: "github")] {
                let pager = try store.accounts(filter: filter, sort: AccountSort(field: field, descending: true), pageSize: 50)
                var streamed: [Int64] = []
                try pager.forEachRow { streamed.append($0.id); return true }
                var paged: [Int64] = []
                var n = 1
                while true {
                    let page = try pager.page(n)
                    paged += page.rows.map(\.id)
                    guard page.hasNext else { break }
                    n += 1
                }
                XCTAssertEqual(streamed, paged, "\(field) \(filter)")
                XCTAssertEqual(streamed.count, try pager.count())
            }
        }
    }

    func testUsersEqualDjangoORM() throws {
        let server = try PostgreSQLTestServer.require()
        var checked = 0
        for name in Fixtures.names {
            let store = try server.store(name)
            for want in try server.expected(name).list("users") {
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
        }
        XCTAssertGreaterThan(checked, 30)
    }

    func testLookupByIdUsernameAndEmail() throws {
        let store = try PostgreSQLTestServer.require().store("default")
        XCTAssertEqual(try store.findUser(UserLookup("1")), 1)
        XCTAssertEqual(try store.findUser(UserLookup("admin")), 1)
        XCTAssertEqual(try store.findUser(UserLookup("ADMIN@example.com")), 1)
        XCTAssertEqual(thrownMessage { _ = try store.findUser(UserLookup("nobody-at-all")) }?.hasPrefix("no user matches username nobody-at-all"), true)
        // Past int4: the id column is integer, the argument int8; no match rather than an error.
        XCTAssertEqual(thrownMessage { _ = try store.findUser(UserLookup("99999999999")) }?.hasPrefix("no user matches id 99999999999"), true)
        XCTAssertEqual(thrownMessage { _ = try store.findUser(.id(Int64.max)) }?.hasPrefix("no user matches id"), true)
    }

    func testSearchTreatsWildcardsAndQuotesAsText() throws {
        let store = try PostgreSQLTestServer.require().store("default")
        for literal in ["%", "_", "\\"] {
            let rows = try store.accounts(filter: AccountFilter(search: literal), pageSize: 1000).page(1).rows
            XCTAssertFalse(rows.isEmpty, literal)
            for r in rows {
                XCTAssertTrue([r.username, r.email, r.uid].contains { $0?.contains(literal) == true }, "\(literal) in row \(r.id)")
            }
        }
        let injection = "'); DELETE FROM auth_user; --"
        XCTAssertEqual(try store.accounts(filter: AccountFilter(search: injection)).count(), 0)
        XCTAssertEqual(try store.stats(now: .now()).totalUsers, 342)
    }
}
