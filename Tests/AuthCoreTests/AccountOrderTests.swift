import Foundation
import XCTest
@testable import AuthCore

/// Pages read from an `AccountOrder` (the console's cache of a view's ids) against Django's
/// Paginator, and the order retiring as soon as anyone commits.
final class AccountOrderTests: XCTestCase {
    func testPagesOfAnOrderEqualDjangosPages() throws {
        var checked = 0
        for name in ["default", "custom"] {
            let store = try Fixtures.store(name)
            for q in try Fixtures.expected(name).list("account_queries") {
                let sort = try XCTUnwrap(AccountSort(parsing: try XCTUnwrap(q.string("sort"))))
                let filter = AccountFilter(search: q.string("search"), provider: q.string("provider"))
                let pager = try store.accounts(filter: filter, sort: sort, pageSize: try XCTUnwrap(q.int("page_size")))
                let order = try pager.order(baseVersion: try XCTUnwrap(pager.changeCounter()))
                XCTAssertTrue(try pager.isCurrent(order))
                XCTAssertEqual(order.count, q.int("count"))
                let page = try pager.page(try XCTUnwrap(q.int("page")), in: order)
                XCTAssertEqual(page.rows.map { Int($0.id) }, q["ids"] as? [Int], "\(name) \(filter) \(sort) page \(page.number)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// next/previous through an order visit the pages that OFFSET and keyset paging visit.
    func testWalkingAnOrderEqualsKeysetPaging() throws {
        let store = try Fixtures.store("default")
        for field in AccountSortField.allCases {
            for descending in [false, true] {
                for filter in [AccountFilter(), AccountFilter(search: "a"), AccountFilter(provider: "github")] {
                    let pager = try store.accounts(filter: filter, sort: AccountSort(field: field, descending: descending), pageSize: 7)
                    let order = try pager.order(baseVersion: try XCTUnwrap(pager.changeCounter()))
                    let label = "\(field) desc=\(descending) \(filter)"
                    var keyset = try pager.page(1)
                    var fromOrder = try pager.page(1, in: order)
                    XCTAssertEqual(fromOrder, keyset, label)
                    while keyset.hasNext {
                        keyset = try pager.next(after: keyset)
                        fromOrder = try pager.next(after: fromOrder, in: order)
                        XCTAssertEqual(fromOrder, keyset, label)
                    }
                    XCTAssertFalse(fromOrder.hasNext, label)
                    while keyset.hasPrevious {
                        keyset = try pager.previous(before: keyset)
                        fromOrder = try pager.previous(before: fromOrder, in: order)
                        XCTAssertEqual(fromOrder.rows, keyset.rows, label)
                        XCTAssertEqual(fromOrder.number, keyset.number, label)
                    }
                }
            }
        }
    }

    /// A commit by another connection (a signup) makes the order stale, in both journal modes.
    func testAnyCommitRetiresTheOrder() throws {
        for mode in ["delete", "wal"] {
            let dir = try Fixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/site.sqlite3"
            try FileManager.default.copyItem(atPath: Fixtures.path("default"), toPath: path)
            try sqlite(path, "PRAGMA journal_mode=\(mode);")
            let store = try AuthStore(connection: SQLiteConnection(path: path))
            let pager = try store.accounts(pageSize: 5)
            let order = try pager.order(baseVersion: try XCTUnwrap(pager.changeCounter()))
            XCTAssertTrue(try pager.isCurrent(order), mode)
            XCTAssertTrue(try pager.isCurrent(order), "reading changes nothing (\(mode))")
            try sqlite(path, "UPDATE socialaccount_socialaccount SET date_joined = '2099-01-01 00:00:00' WHERE id = (SELECT min(id) FROM socialaccount_socialaccount);")
            XCTAssertFalse(try pager.isCurrent(order), mode)
            XCTAssertFalse(try store.accounts(sort: .default, pageSize: 9).isCurrent(order), "another page size, same connection (\(mode))")
            XCTAssertFalse(try store.accounts(filter: AccountFilter(search: "x"), pageSize: 5).isCurrent(order), "another view (\(mode))")
        }
    }

    private func sqlite(_ path: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", path, sql]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, sql)
    }
}
