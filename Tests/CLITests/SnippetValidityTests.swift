import Foundation
import XCTest

/// `authconsole snippet --all` for every project, loaded by real Django + allauth
/// (Tests/Fixtures/projects/check_snippet.py): valid settings, every app found by allauth's own
/// get_app()/get_provider(), every redirect URI equal to reverse(). Needs the oracle venv
/// ($ORACLE_VENV, default /tmp/authconsole-oracle-venv); skipped without it unless
/// AUTHCONSOLE_REQUIRE_ORACLE=1.
final class SnippetValidityTests: XCTestCase {
    func python(_ venv: String, _ code: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: venv + "/bin/python")
        p.arguments = ["-c", code]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    func testSnippetsLoadInRealDjangoAndAllauthFindEveryApp() throws {
        let environment = ProcessInfo.processInfo.environment
        let venv = environment["ORACLE_VENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp/authconsole-oracle-venv"
        guard python(venv, "import django, allauth") else {
            if environment["AUTHCONSOLE_REQUIRE_ORACLE"] == "1" {
                XCTFail("the oracle venv \(venv) has no Django + allauth: run Tests/Fixtures/projects/regenerate.sh /tmp/projects-fresh first")
                return
            }
            throw XCTSkip("oracle venv \(venv) with Django + django-allauth not found: run Tests/Fixtures/projects/regenerate.sh /tmp/x (or set ORACLE_VENV) to check snippets with real Django")
        }
        // all_providers installs steam, which needs python3-openid (an extra regenerate.sh installs).
        let layouts = Projects.layouts.filter { $0 != "all_providers" || python(venv, "import openid") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: venv + "/bin/python")
        p.arguments = [Projects.folder + "/check_snippet.py", "--authconsole", CLI.binary] + layouts.map(Projects.path)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, text)
        XCTAssertTrue(text.contains(" passed, 0 failed"), text)
        XCTAssertFalse(text.contains("FAIL"), text)
        XCTAssertEqual(text.components(separatedBy: "\n== ").count - 1 + (text.hasPrefix("== ") ? 1 : 0), layouts.count, text)
    }
}
