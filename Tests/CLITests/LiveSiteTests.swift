import Foundation
import XCTest

/// The CLI against a live site: a writer process inserts users and social accounts (one user and
/// one "livetest" account per transaction) while `stats` runs again and again, in both journal
/// modes. Every answer must be whole and from one snapshot: as many new livetest accounts, new
/// OAuth users, new users in 7 days and signups today as new users. A writer holding an exclusive
/// lock is waited out within the busy timeout, or reported in one line.
final class LiveSiteTests: XCTestCase {
    static let now = "2026-06-15T12:00:00Z"
    static var writerScript: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reliability/writer.py").path
    }

    /// A copy of the default fixture in `mode` (delete or wal), in a fresh folder.
    func liveCopy(_ mode: String) throws -> String {
        let dir = NSTemporaryDirectory() + "authconsole-live-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/site.sqlite3"
        try FileManager.default.copyItem(atPath: CLI.db("default"), toPath: db)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [db, "PRAGMA journal_mode=\(mode);"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return db
    }

    /// Starts the writer and waits for its "ready" line.
    func startWriter(python: String, _ args: [String]) throws -> (Process, Pipe) {
        guard FileManager.default.isExecutableFile(atPath: python) else { throw XCTSkip("no \(python)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [Self.writerScript] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.standardError
        try p.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        while !String(decoding: seen, as: UTF8.self).contains("ready") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty || Date() > deadline {
                p.terminate()
                throw XCTSkip("the writer did not start: \(String(decoding: seen, as: UTF8.self))")
            }
            seen.append(chunk)
        }
        return (p, out)
    }

    func finish(_ writer: (Process, Pipe)) -> Int {
        writer.0.waitUntilExit()
        let rest = String(decoding: writer.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(writer.0.terminationStatus, 0, "writer failed: \(rest)")
        return rest.split(whereSeparator: \.isNewline).last.flatMap { Int($0) } ?? -1
    }

    struct Figures {
        let total, new7d, oauth, livetest, today, staff, active: Int
    }

    func figures(_ db: String, file: StaticString = #filePath, line: UInt = #line) throws -> Figures? {
        let r = try CLI.run(["--db", db, "--now", Self.now, "stats", "--format", "json", "--days", "1"])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        guard r.status == 0 else { return nil }
        let j = try CLI.json(r)
        let providers = j["providers"] as? [String: Any] ?? [:]
        let live = (providers["livetest"] as? [String: Any])?["account_count"] as? Int ?? 0
        let days = j["signups_per_day"] as? [[String: Any]] ?? []
        return Figures(total: try XCTUnwrap(j["total_users"] as? Int), new7d: try XCTUnwrap(j["new_7d"] as? Int),
                       oauth: try XCTUnwrap(j["oauth_users"] as? Int), livetest: live,
                       today: days.last?["count"] as? Int ?? -1, staff: try XCTUnwrap(j["staff"] as? Int),
                       active: try XCTUnwrap(j["active"] as? Int))
    }

    func checkConsistent(_ f: Figures, base: Figures, _ label: String) {
        let delta = f.total - base.total
        XCTAssertGreaterThanOrEqual(delta, 0, label)
        XCTAssertEqual(f.livetest, delta, "\(label): livetest accounts vs new users, one snapshot")
        XCTAssertEqual(f.oauth - base.oauth, delta, "\(label): OAuth users vs new users")
        XCTAssertEqual(f.new7d - base.new7d, delta, "\(label): new in 7 days vs new users")
        XCTAssertEqual(f.today - base.today, delta, "\(label): signups today vs new users")
        XCTAssertLessThanOrEqual(f.oauth, f.total, label)
        XCTAssertLessThanOrEqual(f.staff, f.total, label)
        XCTAssertEqual(f.active - base.active, delta, label)
    }

    func runWhileWriting(mode: String, writerMode: String, python: String, seconds: Double) throws {
        let db = try liveCopy(mode)
        let base = try XCTUnwrap(try figures(db))
        let writer = try startWriter(python: python, [db, writerMode, String(seconds)])
        var reads = 0, lastTotal = base.total
        let until = Date().addingTimeInterval(seconds)
        while Date() < until {
            guard let f = try figures(db) else { break }
            checkConsistent(f, base: base, "\(mode)/\(writerMode) read \(reads)")
            XCTAssertGreaterThanOrEqual(f.total, lastTotal, "figures never go back")
            lastTotal = f.total
            reads += 1
            // Other commands answer too, whole.
            if reads % 5 == 0 {
                for args in [["accounts", "--provider", "livetest", "--format", "csv"], ["accounts", "--format", "json"], ["user", "1"]] {
                    let r = try CLI.run(["--db", db, "--now", Self.now] + args)
                    XCTAssertEqual(r.status, 0, "\(mode) \(args): \(r.stderr)")
                }
            }
        }
        let written = finish(writer)
        let final = try XCTUnwrap(try figures(db))
        checkConsistent(final, base: base, "\(mode)/\(writerMode) final")
        XCTAssertEqual(final.total - base.total, written, "every committed user is counted")
        XCTAssertGreaterThan(reads, 3)
        XCTAssertGreaterThan(written, 3)
        print("live site \(mode)/\(writerMode): \(reads) consistent reads while \(written) transactions committed")
    }

    func testPlainSQLWriterBothJournalModes() throws {
        for mode in ["delete", "wal"] {
            try runWhileWriting(mode: mode, writerMode: "sql", python: "/usr/bin/python3", seconds: 4)
        }
    }

    func testDjangoORMWriterBothJournalModes() throws {
        let venv = ProcessInfo.processInfo.environment["ORACLE_VENV"] ?? "/tmp/authconsole-oracle-venv"
        let python = venv + "/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("no oracle venv at \(venv) (Tests/Fixtures/regenerate.sh makes it)")
        }
        for mode in ["delete", "wal"] {
            try runWhileWriting(mode: mode, writerMode: "orm", python: python, seconds: 4)
        }
    }

    /// A writer holding an exclusive lock shorter than the busy timeout (5 s) is waited out; in
    /// WAL mode readers are never blocked at all.
    func testShortWriteLockIsWaitedOut() throws {
        for mode in ["delete", "wal"] {
            let db = try liveCopy(mode)
            let base = try XCTUnwrap(try figures(db))
            let writer = try startWriter(python: "/usr/bin/python3", [db, "hold", "2.5"])
            let started = Date()
            let f = try XCTUnwrap(try figures(db))
            let waited = Date().timeIntervalSince(started)
            checkConsistent(f, base: base, "\(mode) under a 2.5 s lock")
            XCTAssertEqual(f.total, base.total, "the held transaction's row is never seen")
            if mode == "delete" { XCTAssertGreaterThan(waited, 1.0, "the reader waited for the lock") }
            _ = finish(writer)
        }
    }

    /// A lock held past the busy timeout: one line on stderr, exit status 1, nothing on stdout,
    /// within the timeout plus a margin.
    func testLongWriteLockIsReportedInOneLine() throws {
        let db = try liveCopy("delete")
        let writer = try startWriter(python: "/usr/bin/python3", [db, "hold", "12"])
        for args in [["stats"], ["accounts", "--format", "csv"]] {
            let started = Date()
            let r = try CLI.run(["--db", db, "--now", Self.now] + args)
            let took = Date().timeIntervalSince(started)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("locked"), r.stderr)
            XCTAssertLessThan(took, 8.5, "\(args): gave up within the busy timeout")
            if took > 8.5 { break }
        }
        _ = finish(writer)
        // The lock gone, it answers again.
        XCTAssertNotNil(try figures(db))
    }
}
