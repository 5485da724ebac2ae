import AuthCore
import Foundation
import XCTest
@testable import ConsoleUI

/// The effects against real files and the fixture database: exports, snippets, the clipboard
/// sequence, and the lane's skipping of superseded jobs.
final class EffectTests: XCTestCase {
    override func setUp() { TestLocale.useUTF8() }

    private func mode(_ path: String) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testCSVExportWritesEveryRowAtomicallyAndNeverOverwrites() throws {
        let dir = try Fixtures.temporaryFolder()
        let h = try Harness(folder: dir)
        let path = dir + "/accounts.csv"
        h.press(.char("3"), .char("e"), .char("c"), .ctrl("u"))
        h.type(path + "\r")
        XCTAssertEqual(h.state.status.flash?.text, "exported 308 rows to \(path) (CSV)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\r\n").count, 309)
        XCTAssertTrue(text.hasPrefix("id,user_id,username,email,provider,uid,date_joined,last_login\r\n"))
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B }, "no raw ESC in the CSV")
        XCTAssertEqual(try mode(path), 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["accounts.csv"], "no temporary file left")

        // Again: asks before overwriting; n keeps the file.
        try "keep".write(toFile: path, atomically: false, encoding: .utf8)
        h.press(.char("e"), .char("c"), .ctrl("u"))
        h.type(path + "\r")
        XCTAssertEqual(h.state.overlay, .confirmOverwrite(format: .csv, path: path))
        h.press(.char("n"))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep")
        // y replaces it.
        h.press(.char("e"), .char("c"), .ctrl("u"))
        h.type(path + "\r")
        h.press(.char("y"))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n").count, 309)
    }

    func testJSONExportOfAFilteredView() throws {
        let dir = try Fixtures.temporaryFolder()
        let h = try Harness(folder: dir)
        h.press(.char("3"), .char("/"))
        h.type("smi\r")
        let path = dir + "/smi.json"
        h.press(.char("e"), .char("j"), .ctrl("u"))
        h.type(path + "\r")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        XCTAssertEqual(rows.count, 6)
        XCTAssertEqual(rows.first?["username"] as? String, "ivan.smith824")
    }

    func testExportOfHostileRowsEscapesThem() throws {
        let dir = try Fixtures.temporaryFolder()
        let h = try Harness(folder: dir)
        let path = dir + "/all.json"
        h.press(.char("3"), .char("e"), .char("j"), .ctrl("u"))
        h.type(path + "\r")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertFalse(bytes.contains(0x1B))
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: bytes) as? [[String: Any]])
        XCTAssertEqual(rows.count, 308)
        XCTAssertTrue(rows.contains { ($0["username"] as? String) == "\u{1B}[2J\u{1B}[Hclear-screen" }, "the data round-trips")
    }

    func testCancelledExportLeavesNothing() throws {
        let dir = try Fixtures.temporaryFolder()
        let path = dir + "/x.csv"
        let box = EventBox()
        let runner = ExportRunner(openStore: { try Fixtures.store("default") }, synchronous: true, post: { box.append($0) })
        let request = ExportRequest(id: 7, filter: AccountFilter(), sort: .default, format: .csv, path: path, overwrite: false, expectedRows: nil)
        runner.cancel(7)
        runner.start(request)
        XCTAssertEqual(box.pop(), .exportEnded(id: 7, .cancelled(rows: 0)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }

    /// At exit (q, SIGTERM, SIGHUP, SIGINT) the session calls `cancelAll` and then the process
    /// ends: the running export's temporary file must be gone when `cancelAll` returns, even if
    /// the export is slow to notice (here: still opening its connection).
    func testCancelAllAtExitLeavesNoTemporaryFile() throws {
        let dir = try Fixtures.temporaryFolder()
        let box = EventBox()
        let opening = DispatchSemaphore(value: 0)
        let runner = ExportRunner(openStore: {
            opening.signal()
            Thread.sleep(forTimeInterval: 0.3)
            return try Fixtures.store("default")
        }, synchronous: false, post: { box.append($0) })
        runner.start(ExportRequest(id: 1, filter: AccountFilter(), sort: .default, format: .csv, path: dir + "/a.csv", overwrite: false, expectedRows: nil))
        XCTAssertEqual(opening.wait(timeout: .now() + 10), .success)
        runner.cancelAll()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "waited for the export to clean up")
        XCTAssertEqual(box.pop(), .exportEnded(id: 1, .cancelled(rows: 0)))

        // An export stuck past the wait: its temporary file is removed anyway.
        let stuck = ExportRunner(openStore: {
            opening.signal()
            Thread.sleep(forTimeInterval: 1)
            return try Fixtures.store("default")
        }, synchronous: false, post: { box.append($0) })
        stuck.start(ExportRequest(id: 2, filter: AccountFilter(), sort: .default, format: .csv, path: dir + "/b.csv", overwrite: false, expectedRows: nil))
        XCTAssertEqual(opening.wait(timeout: .now() + 10), .success)
        stuck.cancelAll(waitingUpTo: 0.05)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "removed without waiting for the export")
        Thread.sleep(forTimeInterval: 1.2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "and the export did not finish the file later")
    }

    /// A failure the export itself threw (a full disk: "cannot write the export: No space left
    /// on device") reaches the status line as its message, not as Swift's debug description.
    func testAnEffectFailureIsReportedByItsMessage() {
        let inner = EffectFailure(message: "cannot write the export: No space left on device")
        XCTAssertEqual(EffectFailure(inner).message, "cannot write the export: No space left on device")
        XCTAssertEqual(EffectFailure(EffectFailure(message: "m", cancelled: true)), EffectFailure(message: "m", cancelled: true))
    }

    func testSnippetIsWrittenPrivatelyAndNeverOverwritten() throws {
        let dir = try Fixtures.temporaryFolder()
        let first = SnippetWriter.write("A = 1", providerID: "github", folder: dir)
        let second = SnippetWriter.write("A = 2", providerID: "github", folder: dir)
        XCTAssertEqual(try first.get(), dir + "/authconsole-github-snippet.py")
        XCTAssertEqual(try second.get(), dir + "/authconsole-github-snippet-2.py")
        XCTAssertEqual(try String(contentsOfFile: dir + "/authconsole-github-snippet.py", encoding: .utf8), "A = 1\n")
        XCTAssertEqual(try mode(dir + "/authconsole-github-snippet.py"), 0o600)
        let odd = SnippetWriter.write("B", providerID: "../../etc/\u{1B}x", folder: dir)
        XCTAssertEqual(try odd.get(), dir + "/authconsole-.._.._etc__x-snippet.py")
    }

    func testClipboardSequences() {
        let env = ["TERM": "xterm-256color"]
        XCTAssertEqual(Clipboard.decide("hi", what: "callback URL", isTerminal: true, environment: env),
                       .write(Array("\u{1B}]52;c;aGk=\u{07}".utf8), note: "copied the callback URL (OSC 52, 2 bytes)"))
        guard case .write(let wrapped, _) = Clipboard.decide("hi", what: "x", isTerminal: true, environment: ["TERM": "screen", "TMUX": "/tmp/t,1,0"]) else {
            return XCTFail("not written")
        }
        XCTAssertEqual(String(decoding: wrapped, as: UTF8.self), "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{07}\u{1B}\\")
        XCTAssertEqual(Clipboard.decide("hi", what: "x", isTerminal: false, environment: env), .refuse("x not copied: the output is not a terminal"))
        XCTAssertEqual(Clipboard.decide("hi", what: "x", isTerminal: true, environment: ["TERM": "dumb"]), .refuse("x not copied: TERM is dumb"))
        let big = String(repeating: "a", count: Clipboard.maxBytes + 1)
        guard case .refuse = Clipboard.decide(big, what: "x", isTerminal: true, environment: env) else { return XCTFail("not capped") }
    }

    func testLaneSkipsJobsSupersededBeforeTheyStart() throws {
        let lane = QueryLane(name: "test", store: try Fixtures.store("default"), synchronous: false) { try Fixtures.store("default") }
        let gate = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let ran = EventBox()
        let started = DispatchSemaphore(value: 0)
        lane.submit(.accounts, generation: 1) { _ in started.signal(); gate.wait(); ran.append(.report("1", isError: false)) }
        XCTAssertEqual(started.wait(timeout: .now() + 10), .success)
        lane.submit(.accounts, generation: 2) { _ in ran.append(.report("2", isError: false)) }
        lane.submit(.accounts, generation: 3) { _ in ran.append(.report("3", isError: false)); done.signal() }
        gate.signal()
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(ran.pop(), .report("1", isError: false))
        XCTAssertEqual(ran.pop(), .report("3", isError: false), "generation 2 was superseded before it started")
        XCTAssertNil(ran.pop())
    }

    /// The database file deleted or replaced (renamed over, as a deploy or a restore does) under
    /// a running console: the lane's next job reads the file the path names now, or fails with a
    /// clear message, instead of the old file's figures forever.
    func testLaneReopensAFileDeletedOrReplacedUnderIt() throws {
        let dir = try Fixtures.temporaryFolder()
        let db = dir + "/site.sqlite3"
        try FileManager.default.copyItem(atPath: Fixtures.path("default"), toPath: db)
        let lane = QueryLane(name: "test", store: try AuthStore(connection: SQLiteConnection(path: db)), synchronous: true) {
            try AuthStore(connection: SQLiteConnection(path: db))
        }
        /// The synchronous lane runs the job before `submit` returns; the box carries its answer out.
        final class Answer: @unchecked Sendable { var text = "" }
        func accounts() -> String {
            let answer = Answer()
            lane.submit(.count, generation: 1) { s in
                do {
                    answer.text = "\(try s.get().accounts().count())"
                } catch {
                    answer.text = EffectFailure(error).message
                }
            }
            return answer.text
        }
        let before = accounts()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["site.sqlite3"])
        try FileManager.default.copyItem(atPath: Fixtures.path("custom"), toPath: db + ".new")
        XCTAssertEqual(rename(db + ".new", db), 0)
        let other = "\(try AuthStore(connection: SQLiteConnection(path: db)).accounts().count())"
        XCTAssertNotEqual(other, before, "the fixtures differ")
        XCTAssertEqual(accounts(), other, "replaced: the new file's figures")
        XCTAssertEqual(unlink(db), 0)
        XCTAssertEqual(accounts(), "no database at \(db): check the path, or pass --db PATH", "deleted: said so")
    }

    /// A page order built on the old file must not serve pages after the file was replaced:
    /// the new connection's change counter may read the same number as the old one's did.
    func testPagesAfterTheFileWasReplacedComeFromTheNewFile() throws {
        let dir = try Fixtures.temporaryFolder()
        let db = dir + "/site.sqlite3"
        try FileManager.default.copyItem(atPath: Fixtures.path("default"), toPath: db)
        let open: EffectRunner.StoreOpener = { try AuthStore(connection: SQLiteConnection(path: db)) }
        let box = EventBox()
        let runner = EffectRunner(store: try open(), openStore: open, now: { Fixtures.now }, synchronous: true,
                                  orderThresholdMilliseconds: 0) { box.append($0) }
        func firstPage(_ generation: Int) -> AccountPage? {
            runner.perform(.loadAccounts(AccountsRequest(filter: AccountFilter(), sort: .default, pageSize: 10,
                                                         target: .number(1), generation: generation)))
            guard case let .accountsLoaded(_, result, _)? = box.pop() else { return nil }
            return try? result.get()
        }
        XCTAssertEqual(firstPage(1), try open().accounts(pageSize: 10).page(1))
        XCTAssertTrue(runner.hasOrder(filter: AccountFilter(), sort: .default), "the old file's order was built")
        try FileManager.default.copyItem(atPath: Fixtures.path("custom"), toPath: db + ".new")
        XCTAssertEqual(rename(db + ".new", db), 0)
        XCTAssertEqual(firstPage(2), try open().accounts(pageSize: 10).page(1), "the new file's first page")
    }

    func testLaneInterruptsTheStaleRunningQueryOnly() throws {
        let store = try Fixtures.store("default")
        let lane = QueryLane(name: "test", store: store, synchronous: false) { try Fixtures.store("default") }
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let results = EventBox()
        // A query that runs until interrupted: a recursive CTE counting forever.
        lane.submit(.count, generation: 1) { s in
            started.signal()
            let r = Result { try s.get().db.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c") }
            results.append(.report((try? r.get()) == nil ? "interrupted" : "finished", isError: false))
        }
        XCTAssertEqual(started.wait(timeout: .now() + 10), .success)
        Thread.sleep(forTimeInterval: 0.05)
        lane.submit(.count, generation: 2) { s in
            let r = Result { try s.get().accounts().count() }
            results.append(.report("count \((try? r.get()) ?? -1)", isError: false))
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(results.pop(), .report("interrupted", isError: false))
        XCTAssertEqual(results.pop(), .report("count 308", isError: false), "the new query was not hit by the interrupt")
    }
}
