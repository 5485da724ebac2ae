import AuthCore
import XCTest
@testable import ConsoleUI

/// Golden text of every screen at 80x24 and 120x40, on the real-Django fixtures as of
/// 2026-06-15T12:00:00Z. Every frame is also checked for control characters and column
/// alignment.
final class ScreenSnapshotTests: XCTestCase {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]

    override func setUp() { TestLocale.useUTF8() }

    private func each(_ body: (TerminalSize, String) throws -> Void) rethrows {
        for size in Self.sizes { try body(size, "\(size.width)x\(size.height)") }
    }

    func testDashboard() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            Snapshot.assert(h.screen, named: "dashboard-\(tag)")
        }
    }

    func testDashboardWithProblems() throws {
        try each { size, tag in
            let h = try Harness(size: size, providers: SampleProviders.configuration)
            h.press(.down)
            Snapshot.assert(h.screen, named: "dashboard-problems-\(tag)")
        }
    }

    func testProvidersNotRead() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("2"), .down)
            Snapshot.assert(h.screen, named: "providers-not-read-\(tag)")
        }
    }

    func testProvidersWithConfiguration() throws {
        try each { size, tag in
            let h = try Harness(size: size, providers: SampleProviders.configuration)
            h.press(.char("2"), .down)
            Snapshot.assert(h.screen, named: "providers-\(tag)")
        }
    }

    /// A callback URL too wide to stand beside its label gets a line of its own at the pane's
    /// edge, whole, so it can be selected with the mouse in one piece (it used to wrap mid-word).
    func testProvidersLongCallbackURLStaysWhole() throws {
        try each { size, tag in
            let h = try Harness(size: size, providers: SampleProviders.longCallback)
            h.press(.char("2"))
            Snapshot.assert(h.screen, named: "providers-long-url-\(tag)")
            let url = "https://sso.corporate-example.internal/accounts/oidc/corp-sso/login/callback/"
            XCTAssertTrue(h.screen.text.contains(url), h.screen.text)
        }
    }

    func testAccounts() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("3"))
            Snapshot.assert(h.screen, named: "accounts-\(tag)")
        }
    }

    func testAccountsHostileRowsSortedByUsername() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("3"), .char("U"))
            Snapshot.assert(h.screen, named: "accounts-by-username-\(tag)")
            h.press(.char("U"))
            Snapshot.assert(h.screen, named: "accounts-by-username-desc-\(tag)")
        }
    }

    func testAccountsSearchAndFilter() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("3"), .char("/"))
            h.type("smi")
            h.fireSearchTimers()
            Snapshot.assert(h.screen, named: "accounts-search-\(tag)")
            h.press(.enter, .char("p"), .down, .down)
            Snapshot.assert(h.screen, named: "accounts-provider-picker-\(tag)")
            h.press(.enter)
            Snapshot.assert(h.screen, named: "accounts-search-github-\(tag)")
        }
    }

    func testUserAndExtraData() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("3"), .char("U"), .enter)
            Snapshot.assert(h.screen, named: "user-hostile-\(tag)")
            h.press(.enter)
            Snapshot.assert(h.screen, named: "extra-data-\(tag)")
        }
    }

    func testUserWithManyAccounts() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("3"), .char("/"))
            h.type("tri.account\r")
            h.press(.enter, .down)
            Snapshot.assert(h.screen, named: "user-tri-account-\(tag)")
        }
    }

    func testHelp() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("?"))
            Snapshot.assert(h.screen, named: "help-\(tag)")
        }
    }

    func testExportPrompts() throws {
        try each { size, tag in
            let h = try Harness(size: size)
            h.press(.char("3"), .char("e"))
            Snapshot.assert(h.screen, named: "export-format-\(tag)")
            h.press(.char("c"))
            Snapshot.assert(h.screen, named: "export-path-\(tag)")
        }
    }

    func testJumpPrompt() throws {
        let h = try Harness()
        h.press(.char("3"), .char(":"), .char("4"))
        Snapshot.assert(h.screen, named: "jump-80x24")
    }

    func testTooSmall() throws {
        let h = try Harness(size: TerminalSize(width: 60, height: 20))
        Snapshot.assert(h.screen, named: "too-small-60x20")
    }

    func testCustomUserModel() throws {
        try each { size, tag in
            let h = try Harness(fixture: "custom", size: size)
            Snapshot.assert(h.screen, named: "custom-dashboard-\(tag)")
            h.press(.char("3"))
            Snapshot.assert(h.screen, named: "custom-accounts-\(tag)")
        }
    }

    func testNoAllauth() throws {
        let h = try Harness(fixture: "noallauth")
        Snapshot.assert(h.screen, named: "noallauth-dashboard-80x24")
        h.press(.char("3"))
        Snapshot.assert(h.screen, named: "noallauth-accounts-80x24")
    }

    func testASCIIFallback() throws {
        let h = try Harness(size: TerminalSize(width: 120, height: 40), unicode: false)
        Snapshot.assert(h.screen, named: "ascii-dashboard-120x40")
        h.press(.char("3"), .char("U"))
        Snapshot.assert(h.screen, named: "ascii-accounts-120x40")
        for y in 0..<h.screen.height {
            XCTAssertFalse(h.screen.line(y).unicodeScalars.contains { $0.value > 0x7E }, "non-ASCII on row \(y): \(h.screen.line(y))")
        }
    }
}
