import Foundation
import XCTest

/// `authconsole` run inside a Django project finds its database from manage.py and settings.
final class ProjectDiscoveryTests: XCTestCase {
    private var projects: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/projects").path
    }

    func testFindsTheSQLiteDatabaseFromManagePy() throws {
        let r = try CLI.run(["stats", "--format", "json"], cwd: projects + "/db_apps")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertNotNil(try CLI.json(r)["total_users"] as? Int)
        let sub = try CLI.run(["stats", "--format", "json"], cwd: projects + "/db_apps/community")
        XCTAssertEqual(sub.status, 0, "from a subfolder too: \(sub.stderr)")
    }

    func testSettingsOptionFromElsewhere() throws {
        let r = try CLI.run(["--settings", projects + "/db_apps/community/settings.py", "stats", "--format", "json"], cwd: NSTemporaryDirectory())
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testNamesTheResolvedPathWhenTheFileIsMissing() throws {
        let r = try CLI.run(["stats"], cwd: projects + "/app_form")
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "authconsole: no database at \(projects)/app_form/db.sqlite3: check the path, or pass --db PATH\n")
    }

    func testDatabaseOptionWinsOverTheProject() throws {
        let r = try CLI.run(["--db", CLI.db("custom"), "stats", "--format", "json"], cwd: projects + "/db_apps")
        XCTAssertEqual(try CLI.json(r)["total_users"] as? Int, 212)
    }

    func testSettingsFileProblems() throws {
        let missing = try CLI.run(["--settings", "/nonexistent/settings.py", "stats"])
        XCTAssertEqual(missing.stderr, "authconsole: no settings file at /nonexistent/settings.py: give the path of the settings module, e.g. mysite/settings.py\n")
        XCTAssertEqual(missing.status, 1)
    }
}

extension ProjectDiscoveryTests {
    /// With an explicit --db, a project that merely sits in a subfolder of the current folder
    /// (another site) must not lend its settings to that database.
    func testExplicitDatabaseIgnoresAProjectInASubfolder() throws {
        let dir = NSTemporaryDirectory() + "authconsole-subproject-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: projects + "/misconfigured_runnable", toPath: dir + "/othersite")
        let r = try CLI.run(["--db", CLI.db("default"), "doctor"], cwd: dir)
        XCTAssertTrue(r.stdout.hasPrefix("Settings   not read: no Django project (manage.py) found in"), r.stdout)
        XCTAssertFalse(r.stdout.contains("brokensite"), r.stdout)
        // Without --db the subfolder project is the one to use (its own database).
        let own = try CLI.run(["doctor"], cwd: dir)
        XCTAssertTrue(own.stdout.contains("brokensite"), own.stdout)
    }
}
