import CSQLite
import Foundation
import XCTest
@testable import AuthCore

/// Opening what an operator might point the console at, and never writing to it.
final class DatabaseOpeningTests: XCTestCase {
    private func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return (error as? UserFacingError)?.message ?? "not user-facing: \(error)" }
    }

    func testBadFilesGiveOneClearLine() throws {
        let dir = try Fixtures.temporaryFolder()
        XCTAssertEqual(message { _ = try SQLiteConnection(path: dir + "/missing.sqlite3") },
                       "no database at \(dir)/missing.sqlite3: check the path, or pass --db PATH")
        XCTAssertEqual(message { _ = try SQLiteConnection(path: dir) },
                       "\(dir) is a folder, not a database file: pass the SQLite file itself with --db")
        let text = dir + "/notes.txt"
        try String(repeating: "not a database\n", count: 100).write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertEqual(message { _ = try SQLiteConnection(path: text) },
                       "\(text) is not an SQLite database: pass the site's database file with --db")
    }

    func testTruncatedDatabaseIsReportedAsDamaged() throws {
        let dir = try Fixtures.temporaryFolder()
        let copy = dir + "/truncated.sqlite3"
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("default")))
        try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: copy))
        let msg = message {
            let store = try AuthStore(connection: SQLiteConnection(path: copy))
            _ = try store.stats(now: .now())
            _ = try store.accounts().page(1)
        }
        XCTAssertNotNil(msg)
        XCTAssertTrue(msg?.contains("is damaged") == true || msg?.contains("not an SQLite database") == true, msg ?? "")
    }

    func testNonDjangoDatabaseIsRefused() throws {
        let dir = try Fixtures.temporaryFolder()
        let path = dir + "/other.sqlite3"
        var db: OpaquePointer?
        XCTAssertEqual(sqlite3_open(path, &db), SQLITE_OK)
        sqlite3_exec(db, "CREATE TABLE inventory (id integer primary key, item text)", nil, nil, nil)
        sqlite3_close(db)
        XCTAssertEqual(message { _ = try AuthStore(connection: SQLiteConnection(path: path)) },
                       "\(path) is not a Django database (it has no django_migrations table): point --db at the site's database")
    }

    func testConnectionRefusesToWrite() throws {
        let db = try SQLiteConnection(path: Fixtures.path("default"))
        XCTAssertThrowsError(try db.query("DELETE FROM auth_user"))
        XCTAssertThrowsError(try db.query("CREATE TABLE x (id int)"))
    }

    func testEveryReadLeavesTheFileByteIdentical() throws {
        let dir = try Fixtures.temporaryFolder()
        for mode in ["DELETE", "WAL"] {
            let path = dir + "/\(mode).sqlite3"
            try FileManager.default.copyItem(atPath: Fixtures.path("default"), toPath: path)
            var w: OpaquePointer?
            sqlite3_open(path, &w)
            sqlite3_exec(w, "PRAGMA journal_mode=\(mode)", nil, nil, nil)
            sqlite3_close(w)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            do {
                let store = try AuthStore(connection: SQLiteConnection(path: path))
                _ = try store.stats(now: .now())
                let pager = try store.accounts(filter: AccountFilter(search: "a"), sort: AccountSort(field: .email, descending: false))
                _ = try pager.next(after: try pager.page(1))
                _ = try pager.count()
                _ = try store.user(id: 1)
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, mode)
        }
    }

    func testWriterHoldingTheLockGivesBusyAfterTheTimeout() throws {
        let dir = try Fixtures.temporaryFolder()
        let path = dir + "/locked.sqlite3"
        try FileManager.default.copyItem(atPath: Fixtures.path("default"), toPath: path)
        var writer: OpaquePointer?
        sqlite3_open(path, &writer)
        defer { sqlite3_close(writer) }
        XCTAssertEqual(sqlite3_exec(writer, "BEGIN EXCLUSIVE", nil, nil, nil), SQLITE_OK)
        XCTAssertEqual(message { _ = try AuthStore(connection: SQLiteConnection(path: path, busyTimeoutMilliseconds: 200)) },
                       "\(path) is locked by a writer and stayed locked past the busy timeout: try again in a moment")
        sqlite3_exec(writer, "ROLLBACK", nil, nil, nil)
        XCTAssertNoThrow(try AuthStore(connection: SQLiteConnection(path: path, busyTimeoutMilliseconds: 200)))
    }

    func testInterruptCancelsARunningQuery() throws {
        let db = try SQLiteConnection(path: Fixtures.path("default"))
        let done = expectation(description: "interrupted")
        DispatchQueue.global().async {
            do {
                // A query that would run for a very long time.
                _ = try db.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
            } catch let e as DatabaseError {
                XCTAssertEqual(e, .interrupted)
                done.fulfill()
            } catch {}
        }
        Thread.sleep(forTimeInterval: 0.2)
        db.interrupt()
        wait(for: [done], timeout: 10)
    }

    func testSchemaDiscoveryFindsCustomUserModelAndItsLinkTables() throws {
        let schema = try Fixtures.store("custom").schema
        XCTAssertEqual(schema.userTable.name, "people_person")
        XCTAssertNil(schema.userTable.username)
        XCTAssertEqual(schema.userGroups?.name, "people_person_groups")
        XCTAssertEqual(schema.userPermissions?.name, "people_person_user_permissions")
        let plain = try Fixtures.store("noallauth").schema
        XCTAssertEqual(plain.userTable.name, "auth_user")
        XCTAssertFalse(plain.hasSocialAccounts)
    }

    func testDatabaseURLs() throws {
        XCTAssertEqual(try DatabaseSource.parse("sqlite:////srv/site/db.sqlite3"), .sqlite(path: "/srv/site/db.sqlite3"))
        XCTAssertEqual(try DatabaseSource.parse("sqlite:///db.sqlite3"), .sqlite(path: "db.sqlite3"))
        XCTAssertEqual(try DatabaseSource.parse("./db.sqlite3"), .sqlite(path: "./db.sqlite3"))
        XCTAssertThrowsError(try DatabaseSource.parse("mysql://u:secretpw@h/d")) { error in
            XCTAssertFalse((error as? UserFacingError)?.message.contains("secretpw") ?? true)
        }
    }
}
