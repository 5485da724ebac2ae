import XCTest
@testable import AuthCore

/// The accounts table against Django's ORM + Paginator, and keyset paging against OFFSET paging.
final class AccountQueryTests: XCTestCase {
    func testEveryOracleQueryReturnsTheSameRowsInTheSameOrder() throws {
        var checked = 0
        for name in ["default", "custom"] {
            let store = try Fixtures.store(name)
            for q in try Fixtures.expected(name).list("account_queries") {
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

    /// Walking with next() and then previous() must visit exactly the pages that OFFSET gives,
    /// for every sort, so keyset paging never skips or repeats a row.
    func testKeysetPagesEqualOffsetPagesForEverySort() throws {
        let store = try Fixtures.store("default")
        for field in AccountSortField.allCases {
            for descending in [false, true] {
                let pager = try store.accounts(sort: AccountSort(field: field, descending: descending), pageSize: 7)
                let total = try pager.count()
                let pages = AccountPager.numberOfPages(count: total, pageSize: 7)
                var forward: [AccountPage] = [try pager.page(1)]
                while let last = forward.last, last.hasNext { forward.append(try pager.next(after: last)) }
                XCTAssertEqual(forward.count, pages, "\(field) desc=\(descending)")
                XCTAssertEqual(forward.flatMap(\.rows).count, total)
                XCTAssertEqual(Set(forward.flatMap(\.rows).map(\.id)).count, total, "no row twice")
                for page in forward {
                    XCTAssertEqual(page.rows.map(\.id), try pager.page(page.number).rows.map(\.id), "\(field) page \(page.number)")
                }
                var current = try XCTUnwrap(forward.last)
                while current.hasPrevious {
                    let previous = try pager.previous(before: current)
                    XCTAssertEqual(previous.rows.map(\.id), forward[previous.number - 1].rows.map(\.id), "\(field) back to \(previous.number)")
                    current = previous
                }
                XCTAssertEqual(current.number, 1)
            }
        }
    }

    func testSearchMatchesWildcardsLiterally() throws {
        let store = try Fixtures.store("default")
        for literal in ["%", "_", "\\"] {
            let rows = try store.accounts(filter: AccountFilter(search: literal), pageSize: 1000).page(1).rows
            XCTAssertFalse(rows.isEmpty, literal)
            for r in rows {
                XCTAssertTrue([r.username, r.email, r.uid].contains { $0?.contains(literal) == true }, "\(literal) in row \(r.id)")
            }
        }
    }

    func testSortingByUsernameWithoutTheColumnIsAClearError() throws {
        let store = try Fixtures.store("custom")
        XCTAssertThrowsError(try store.accounts(sort: AccountSort(field: .username, descending: false))) { error in
            XCTAssertEqual((error as? UserFacingError)?.message, "sorting by username needs the username column, and people_person has none (custom user model)")
        }
    }

    func testAccountsWithoutAllauthIsAClearError() throws {
        XCTAssertThrowsError(try Fixtures.store("noallauth").accounts()) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains("no django-allauth tables") == true)
        }
    }

    func testPatternEscaping() {
        XCTAssertEqual(SQLDialect.sqlite.containsPattern("50%_a\\b"), "%50\\%\\_a\\\\b%")
        XCTAssertEqual(SQLDialect.postgres.placeholder(3), "$3")
        XCTAssertEqual(SQLDialect.sqlite.quote("we\"ird"), "\"we\"\"ird\"")
    }
}

extension AccountQueryTests {
    /// The export stream (one statement) gives exactly the rows, in the order, that walking the
    /// keyset pages gives: every sort both ways, with LIKE's special characters, accents, the NUL
    /// uid and provider filters, on both fixtures.
    func testStreamEqualsTheKeysetPages() throws {
        let filters: [AccountFilter] = [
            AccountFilter(), AccountFilter(search: "a"), AccountFilter(search: "GIT"), AccountFilter(search: "%"),
            AccountFilter(search: "_"), AccountFilter(search: "\\"), AccountFilter(search: "é"), AccountFilter(search: "nul"),
            AccountFilter(search: "\u{1B}"), AccountFilter(search: "no such text"), AccountFilter(provider: "github"),
            AccountFilter(provider: "keycloak"), AccountFilter(search: "example", provider: "google"),
        ]
        for fixture in ["default", "custom"] {
            let store = try Fixtures.store(fixture)
            for field in AccountSortField.allCases where !(field == .username && store.schema.userTable.username == nil) {
                for descending in [false, true] {
                    for filter in filters {
                        let pager = try store.accounts(filter: filter, sort: AccountSort(field: field, descending: descending), pageSize: 7)
                        var paged: [AccountRow] = []
                        var page = try pager.page(1)
                        paged += page.rows
                        while page.hasNext { page = try pager.next(after: page); paged += page.rows }
                        var streamed: [AccountRow] = []
                        try pager.forEachRow { streamed.append($0); return true }
                        XCTAssertEqual(streamed, paged, "\(fixture) \(field) desc=\(descending) \(filter)")
                    }
                }
            }
        }
    }
}
