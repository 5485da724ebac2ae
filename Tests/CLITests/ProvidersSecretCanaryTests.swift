import Foundation
import XCTest

/// Every secret in the projects' .env files and databases is a CANARY-SECRET-... value. No
/// command, format or layout may print one, on stdout or stderr, with or without --base-url.
final class ProvidersSecretCanaryTests: XCTestCase {
    func testNoCanaryInAnyOutput() throws {
        let commands: [[String]] = [
            ["providers"], ["providers", "--format", "json"],
            ["snippet", "--all"], ["snippet", "--all", "--format", "env"], ["snippet", "--all", "--format", "json"],
            ["doctor"], ["doctor", "--format", "json"],
        ]
        var runs = 0
        for layout in Projects.layouts {
            for command in commands {
                for extra in [[], ["--base-url", "https://console.example.test"]] {
                    let r = try CLI.run(command + extra, cwd: Projects.path(layout))
                    runs += 1
                    XCTAssertTrue([0, 1].contains(r.status), "\(layout) \(command): \(r.stderr)")
                    XCTAssertFalse(r.stdout.contains("CANARY"), "\(layout) \(command) stdout")
                    XCTAssertFalse(r.stderr.contains("CANARY"), "\(layout) \(command) stderr")
                    if command.first != "snippet" || r.status == 0 { XCTAssertFalse(r.stdout.isEmpty, "\(layout) \(command)") }
                }
            }
        }
        XCTAssertEqual(runs, Projects.layouts.count * 14)
        // The canaries really are there to be leaked.
        let env = try String(contentsOfFile: Projects.path("split_settings") + "/.env", encoding: .utf8)
        XCTAssertTrue(env.contains("CANARY-SECRET-gl-123"))
    }
}
