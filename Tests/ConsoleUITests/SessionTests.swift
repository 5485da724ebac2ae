import AuthCore
import XCTest
@testable import ConsoleUI

/// The UI loop on the in-memory terminal: it draws, follows resizes, and restores the terminal
/// on every way out with the right status.
final class SessionTests: XCTestCase {
    override func setUp() { TestLocale.useUTF8() }

    private func session(_ terminal: MemoryTerminal) throws -> ConsoleSession {
        let store = try Fixtures.store("default")
        let inbox = EventInbox(usePipe: false)
        let runner = EffectRunner(store: store, openStore: { try Fixtures.store("default") }, now: { Fixtures.now },
                                  synchronous: true, post: { inbox.post($0) })
        let env = ConsoleEnvironment(store: store, now: Fixtures.now, unicode: true)
        return ConsoleSession(state: AppState(environment: env, size: terminal.size), terminal: terminal, runner: runner,
                              inbox: inbox, environment: ["TERM": "xterm"])
    }

    func testQuitRestoresAndExitsZero() throws {
        let t = MemoryTerminal(size: TerminalSize(width: 80, height: 24))
        t.script = [[.wake], [.key(.char("3"))], [.key(.char("q"))]]
        let s = try session(t)
        XCTAssertEqual(s.run(), 0)
        XCTAssertTrue(t.restored)
        XCTAssertTrue(t.text.contains("rows 1–19 of 308"), t.text)
        XCTAssertTrue(t.text.contains(" ready"), t.text)
    }

    func testHangupAndSignalsExitWithTheirStatus() throws {
        let t = MemoryTerminal(size: TerminalSize(width: 80, height: 24))
        t.script = [[.hangup]]
        XCTAssertEqual(try session(t).run(), 129)
        XCTAssertTrue(t.restored)
        let u = MemoryTerminal(size: TerminalSize(width: 80, height: 24))
        u.script = [[.signal(SIGTERM)]]
        XCTAssertEqual(try session(u).run(), 143)
        XCTAssertTrue(u.restored)
    }

    func testResizeRedrawsAtOnceAndTooSmallStillQuits() throws {
        let t = MemoryTerminal(size: TerminalSize(width: 120, height: 40))
        t.script = [[.resize(TerminalSize(width: 70, height: 20))], [.key(.char("q"))]]
        let s = try session(t)
        XCTAssertEqual(s.run(), 0)
        XCTAssertEqual(t.frame?.size, TerminalSize(width: 70, height: 20))
        XCTAssertTrue(t.text.contains("needs 80x24, have 70x20"), t.text)
    }

    func testClipboardGoesToTheTerminalBetweenFrames() throws {
        let t = MemoryTerminal(size: TerminalSize(width: 120, height: 40))
        t.script = [[.key(.char("2")), .key(.char("j")), .key(.char("y"))], [.key(.char("q"))]]
        let store = try Fixtures.store("default")
        let inbox = EventInbox(usePipe: false)
        let runner = EffectRunner(store: store, openStore: { try Fixtures.store("default") }, now: { Fixtures.now },
                                  synchronous: true, post: { inbox.post($0) })
        let env = ConsoleEnvironment(store: store, now: Fixtures.now, unicode: true)
        let s = ConsoleSession(state: AppState(environment: env, size: t.size, providers: SampleProviders.configuration), terminal: t,
                               runner: runner, inbox: inbox, environment: ["TERM": "xterm"])
        XCTAssertEqual(s.run(), 0)
        XCTAssertEqual(t.controlSequences.count, 1)
        XCTAssertEqual(t.controlSequences.first.map { String(decoding: $0, as: UTF8.self) },
                       "\u{1B}]52;c;aHR0cHM6Ly9leGFtcGxlLmNvbS9hY2NvdW50cy9naXRodWIvbG9naW4vY2FsbGJhY2sv\u{07}")
    }
}
