import XCTest
@testable import AuthCore

final class DemoDatabaseTests: XCTestCase {
    /// The demo must have exactly the schema `migrate` made for the default fixture.
    func testDemoSchemaEqualsRealMigrations() throws {
        let path = try Fixtures.temporaryFolder() + "/demo.sqlite3"
        try DemoDatabase(users: 2000, seed: 7, now: UTCDateTime(iso8601: "2026-06-15T12:00:00Z")!).write(to: path, overwrite: false)
        let sql = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        let demo = try SQLiteConnection(path: path).query(sql).map { $0.values.map { $0.string ?? "" } }
        let real = try SQLiteConnection(path: Fixtures.path("default")).query(sql).map { $0.values.map { $0.string ?? "" } }
        XCTAssertEqual(demo, real)
        let migrations = "SELECT app, name FROM django_migrations ORDER BY app, name"
        XCTAssertEqual(try SQLiteConnection(path: path).query(migrations).map(\.values),
                       try SQLiteConnection(path: Fixtures.path("default")).query(migrations).map(\.values))
    }

    func testDemoIsRealisticAndDeterministic() throws {
        let dir = try Fixtures.temporaryFolder()
        let now = UTCDateTime(iso8601: "2026-06-15T12:00:00Z")!
        try DemoDatabase(users: 3000, seed: 3, now: now).write(to: dir + "/a.sqlite3", overwrite: false)
        try DemoDatabase(users: 3000, seed: 3, now: now).write(to: dir + "/b.sqlite3", overwrite: false)
        let a = try AuthStore(connection: SQLiteConnection(path: dir + "/a.sqlite3")).stats(now: now)
        let b = try AuthStore(connection: SQLiteConnection(path: dir + "/b.sqlite3")).stats(now: now)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.totalUsers, 3000)
        XCTAssertEqual(Set(a.providers.map(\.id)), ["github", "google", "gitlab", "corp-sso"])
        let share = Double(a.oauthUsers) / Double(a.totalUsers)
        XCTAssertTrue((0.65...0.75).contains(share), "about 70% with a social account, got \(share)")
        XCTAssertGreaterThan(a.new7d ?? 0, 0)
    }

    func testRefusesToOverwriteAndLeavesNoPartialFile() throws {
        let dir = try Fixtures.temporaryFolder()
        let path = dir + "/demo.sqlite3"
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DemoDatabase(users: 10).write(to: path, overwrite: false)) { error in
            XCTAssertEqual(error as? DemoError, .exists(path: path))
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
        XCTAssertThrowsError(try DemoDatabase(users: 10).write(to: dir + "/no/such/folder/demo.sqlite3", overwrite: false))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["demo.sqlite3"])
    }
}

extension DemoDatabaseTests {
    /// Nothing in a demo happens after its `now`: a dashboard as of `now` sees all of it.
    func testNothingIsDatedAfterNow() throws {
        let now = UTCDateTime(iso8601: "2026-06-15T12:00:00Z")!
        let path = try Fixtures.temporaryFolder() + "/demo.sqlite3"
        try DemoDatabase(users: 5000, seed: 11, now: now).write(to: path, overwrite: false)
        let db = try SQLiteConnection(path: path)
        let limit = DatabaseValue.text(now.djangoSQLiteText)
        for (table, column) in [("auth_user", "date_joined"), ("auth_user", "last_login"),
                                ("socialaccount_socialaccount", "date_joined"), ("socialaccount_socialaccount", "last_login")] {
            let late = try db.queryOne("SELECT COUNT(*) FROM \(table) WHERE \(column) > ?1", [limit])?[0].int
            XCTAssertEqual(late, 0, "\(table).\(column)")
        }
    }
}
