import Foundation
import XCTest

final class DoctorCommandTests: XCTestCase {
    func testExitStatusAndJSONCodes() throws {
        let bad = try CLI.run(["doctor", "--format", "json", "--base-url", "https://console.example.test"], cwd: Projects.path("misconfigured"))
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("doctor found 7 errors"), bad.stderr)
        let json = try CLI.json(bad)
        XCTAssertEqual(json["errors"] as? Int, 7)
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.first.map { Set($0.keys) }, ["code", "severity", "location", "provider", "message", "fix"])
        XCTAssertEqual(findings.compactMap { $0["code"] as? String }.prefix(2), ["account-middleware-missing", "allauth-urls-namespaced"])
        let clean = try CLI.run(["doctor"], cwd: Projects.path("custom_prefix"))
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertTrue(clean.stdout.contains("No problems found."), clean.stdout)
        XCTAssertTrue(clean.stdout.contains("Database   not read (settings only)"), clean.stdout)
        let warningsOnly = try CLI.run(["doctor"], cwd: Projects.path("app_form"))
        XCTAssertEqual(warningsOnly.status, 0)
    }

    func testTextGivesWhereWhatAndFix() throws {
        let r = try CLI.run(["doctor"], cwd: Projects.path("db_apps"))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("""
            ERROR   app-invisible [google]
                    at:   socialaccount_socialapp id=2
                    what: the database app for google is linked to no site, not to SITE_ID 1: allauth raises SocialApp.DoesNotExist when users pick Google
                    fix:  in the Django admin (Social applications), add site 1 (example.com) to the app
            """), r.stdout)
        XCTAssertTrue(r.stdout.contains("3 errors, 1 warning, 0 notes"), r.stdout)
    }
}
