import AuthCore
import Foundation
import XCTest
@testable import ConsoleUI

/// The console's page cache: once a slow page has had its view's order built, pages come from
/// the order, and they are exactly the database's pages, also after someone else commits.
final class OrderCacheTests: XCTestCase {
    private func request(_ target: PageTarget, filter: AccountFilter = AccountFilter(), generation: Int) -> AccountsRequest {
        AccountsRequest(filter: filter, sort: .default, pageSize: 10, target: target, generation: generation)
    }

    func testPagesFromTheOrderEqualTheDatabaseAndACommitRetiresIt() throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/site.sqlite3"
        try FileManager.default.copyItem(atPath: Fixtures.path("default"), toPath: path)
        let open: EffectRunner.StoreOpener = { try AuthStore(connection: SQLiteConnection(path: path)) }
        // Threshold 0: every page counts as slow, so the first one has the order built.
        let runner = EffectRunner(store: try open(), openStore: open, now: { UTCDateTime(microsecondsSinceEpoch: 0) },
                                  synchronous: true, orderThresholdMilliseconds: 0) { _ in }
        let store = try open()
        let pager = try store.accounts(pageSize: 10)

        var page = try runner.page(request(.number(1), generation: 1), store: store)
        XCTAssertTrue(runner.hasOrder(filter: AccountFilter(), sort: .default), "a slow page builds the order")
        XCTAssertEqual(page, try pager.page(1))
        var n = 2
        while page.hasNext {
            page = try runner.page(request(.next(after: page), generation: n), store: store)
            XCTAssertEqual(page, try pager.page(page.number), "page \(page.number)")
            n += 1
        }
        XCTAssertEqual(try runner.page(request(.number(17), generation: n), store: store), try pager.page(17))

        // Someone signs up (newest account): page 1 must show it, not the cached order's page 1.
        let insert = """
            INSERT INTO socialaccount_socialaccount (user_id, provider, uid, last_login, date_joined, extra_data)
            SELECT min(id), 'github', 'brand-new', '2099-01-01 00:00:00', '2099-01-01 00:00:00', '{}' FROM auth_user;
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", path, insert]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let first = try runner.page(request(.number(1), generation: n + 1), store: store)
        XCTAssertEqual(first.rows.first?.uid, "brand-new")
        XCTAssertEqual(first, try pager.page(1))
    }
}
