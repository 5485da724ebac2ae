import Foundation
import XCTest
@testable import AuthCore

/// The same seeded data read from the SQLite fixture and from PostgreSQL must give the same
/// answers wherever Django's semantics agree across the two: every dashboard figure, every
/// count, every order that does not depend on collation, and every user page.
///
/// Where they legitimately differ (and the PostgreSQL oracle suite checks PostgreSQL's truth):
/// orders by text columns (PostgreSQL sorts by the database collation, SQLite by code point),
/// non-ASCII searches (PostgreSQL's UPPER() folds ü/Ü and é/É, SQLite's LIKE only ASCII), and the
/// NUL uid, which PostgreSQL cannot store (the PostgreSQL fixture has U+0001 there).
final class PostgreSQLCrossBackendTests: XCTestCase {
    private let textSorts: Set<AccountSortField> = [.username, .email, .uid, .provider]

    /// What a row shows (the keyset cursor inside it keeps each backend's own datetime text);
    /// the NUL of the SQLite uid reads as the U+0001 PostgreSQL holds instead.
    private func visible(_ r: AccountRow) -> String {
        let uid = r.uid.replacingOccurrences(of: "\u{0}", with: "\u{1}")
        return "\(r.id)|\(r.userID)|\(r.username ?? "-")|\(r.email ?? "-")|\(r.provider)|\(uid)|\(r.dateJoined?.iso8601 ?? "-")|\(r.lastLogin?.iso8601 ?? "-")"
    }

    private func semanticsAgree(search: String?) -> Bool {
        guard let search else { return true }
        if search.contains("nul") { return false }  // the NUL uid
        return search.unicodeScalars.allSatisfy { $0.isASCII }
    }

    func testDashboardFiguresAreTheSame() throws {
        let server = try PostgreSQLTestServer.require()
        for name in Fixtures.names {
            let now = try Fixtures.now(try Fixtures.expected(name))
            for days in [30, 90] {
                let lite = try Fixtures.store(name).stats(now: now, days: days)
                let pg = try server.store(name).stats(now: now, days: days)
                XCTAssertEqual(pg, lite, "\(name) \(days) days")
            }
            // Another instant: the windows move the same way on both.
            let later = now.adding(days: -45)
            XCTAssertEqual(try server.store(name).stats(now: later, days: 90), try Fixtures.store(name).stats(now: later, days: 90), name)
        }
    }

    func testAccountsAreTheSameWhereSemanticsAgree() throws {
        let server = try PostgreSQLTestServer.require()
        var compared = 0, idsCompared = 0
        for name in ["default", "custom"] {
            let lite = try Fixtures.store(name)
            let pg = try server.store(name)
            for q in try Fixtures.expected(name).list("account_queries") where semanticsAgree(search: q.string("search")) {
                let sort = try XCTUnwrap(AccountSort(parsing: try XCTUnwrap(q.string("sort"))))
                let filter = AccountFilter(search: q.string("search"), provider: q.string("provider"))
                let pageSize = try XCTUnwrap(q.int("page_size"))
                let label = "\(name) search=\(String(reflecting: filter.search)) provider=\(filter.provider ?? "-") sort=\(sort)"
                let a = try lite.accounts(filter: filter, sort: sort, pageSize: pageSize)
                let b = try pg.accounts(filter: filter, sort: sort, pageSize: pageSize)
                XCTAssertEqual(try b.count(), try a.count(), label)
                let page = try XCTUnwrap(q.int("page"))
                let rowsA = try a.page(page).rows, rowsB = try b.page(page).rows
                if textSorts.contains(sort.field) {
                    XCTAssertEqual(rowsB.count, rowsA.count, label)
                } else {
                    XCTAssertEqual(rowsB.map(visible), rowsA.map(visible), label)
                    idsCompared += 1
                }
                compared += 1
            }
            // Every row, in a collation-free order, is the same row on both.
            let all = AccountSort(field: .id, descending: false)
            var rowsA: [AccountRow] = [], rowsB: [AccountRow] = []
            try lite.accounts(sort: all, pageSize: 100).forEachRow { rowsA.append($0); return true }
            try pg.accounts(sort: all, pageSize: 100).forEachRow { rowsB.append($0); return true }
            XCTAssertEqual(rowsA.count, rowsB.count, name)
            for (x, y) in zip(rowsA, rowsB) {
                XCTAssertEqual(visible(y), visible(x), "\(name) account \(x.id)")
            }
        }
        XCTAssertGreaterThan(compared, 100)
        XCTAssertGreaterThan(idsCompared, 60)
    }

    func testUserPagesAreTheSame() throws {
        let server = try PostgreSQLTestServer.require()
        var checked = 0
        for name in Fixtures.names {
            let lite = try Fixtures.store(name)
            let pg = try server.store(name)
            for want in try Fixtures.expected(name).list("users") {
                let id = Int64(try XCTUnwrap(want.int("id")))
                let a = try lite.user(id: id), b = try pg.user(id: id)
                let label = "\(name) user \(id)"
                XCTAssertEqual(b.username, a.username, label)
                XCTAssertEqual(b.email, a.email, label)
                XCTAssertEqual(b.isActive, a.isActive, label)
                XCTAssertEqual(b.isStaff, a.isStaff, label)
                XCTAssertEqual(b.isSuperuser, a.isSuperuser, label)
                XCTAssertEqual(b.dateJoined, a.dateJoined, label)
                XCTAssertEqual(b.lastLogin, a.lastLogin, label)
                XCTAssertEqual(b.hasUsablePassword, a.hasUsablePassword, label)
                XCTAssertEqual(b.groups, a.groups, label)
                XCTAssertEqual(b.permissions, a.permissions, label)
                XCTAssertEqual(b.emails, a.emails, label)
                XCTAssertEqual(b.accounts.map(\.id), a.accounts.map(\.id), label)
                for (x, y) in zip(a.accounts, b.accounts) {
                    XCTAssertEqual(y.uid, x.uid.replacingOccurrences(of: "\u{0}", with: "\u{1}"), label)
                    XCTAssertEqual(y.provider, x.provider, label)
                    XCTAssertEqual(y.dateJoined, x.dateJoined, label)
                    XCTAssertEqual(y.lastLogin, x.lastLogin, label)
                    XCTAssertEqual(y.hasToken, x.hasToken, label)
                    // jsonb keeps its own key order and spacing: the shape is what must agree.
                    XCTAssertEqual(y.extraData.shape, x.extraData.shape, label)
                }
                XCTAssertEqual(try pg.findUser(UserLookup(String(id))), id, label)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 30)
    }
}
