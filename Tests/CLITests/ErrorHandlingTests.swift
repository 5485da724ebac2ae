import Foundation
import XCTest

/// Bad input: one clear line on stderr, exit 1 (runtime) or 64 (usage), nothing on stdout.
final class ErrorHandlingTests: XCTestCase {
    private func assertOneLine(_ r: CLIResult, status: Int32, contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, r.stderr, file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("authconsole: "), r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(text), r.stderr, file: file, line: line)
    }

    func testDatabaseProblems() throws {
        let dir = NSTemporaryDirectory() + "authconsole-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        assertOneLine(try CLI.run(["--db", dir + "/nope.sqlite3", "stats"]), status: 1, contains: "no database at")
        assertOneLine(try CLI.run(["--db", dir, "stats"]), status: 1, contains: "is a folder, not a database file")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: dir + "/junk"))
        assertOneLine(try CLI.run(["--db", dir + "/junk", "stats"]), status: 1, contains: "is not an SQLite database")
        let whole = try Data(contentsOf: URL(fileURLWithPath: CLI.db("default")))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: dir + "/half.sqlite3"))
        let half = try CLI.run(["--db", dir + "/half.sqlite3", "accounts", "--sort", "uid"])
        XCTAssertEqual(half.status, 1, half.stdout)
        XCTAssertTrue(half.stderr.contains("damaged") || half.stderr.contains("not an SQLite database"), half.stderr)
        assertOneLine(try CLI.run(["--db", CLI.db("noallauth"), "accounts"]), status: 1, contains: "has no django-allauth tables")
        assertOneLine(try CLI.run(["stats"], cwd: dir), status: 1, contains: "pass --db PATH, set DATABASE_URL")
    }

    func testUsageProblems() throws {
        assertOneLine(try CLI.run(["stats", "--frmat", "json"]), status: 64, contains: "unknown option --frmat for `authconsole stats` (did you mean --format?)")
        assertOneLine(try CLI.run(["stats", "--format", "xml"]), status: 64, contains: "--format must be one of table, json, csv, not xml")
        assertOneLine(try CLI.run(["--db", CLI.db("default"), "accounts", "--sort", "password"]), status: 64, contains: "--sort takes one of")
        assertOneLine(try CLI.run(["--db", CLI.db("default"), "accounts", "--page", "0"]), status: 64, contains: "--page takes a whole number from 1")
        assertOneLine(try CLI.run(["--db", CLI.db("default"), "accounts", "--page-size", "5000"]), status: 64, contains: "--page-size takes a whole number from 1 to 1000")
        assertOneLine(try CLI.run(["frobnicate"]), status: 64, contains: "unknown command frobnicate")
        assertOneLine(try CLI.run(["stats", "--now", "yesterday"]), status: 64, contains: "--now takes an ISO 8601 UTC time")
        assertOneLine(try CLI.run(["accounts", "--search"]), status: 64, contains: "--search needs a value")
        assertOneLine(try CLI.run(["user"]), status: 64, contains: "`user` needs a user")
        assertOneLine(try CLI.run(["stats", "\u{1B}]0;pwned\u{07}"]), status: 64, contains: "unexpected argument ␛]0;pwned␇")
    }

    func testHelpAndVersion() throws {
        for command in ["stats", "accounts", "user", "demo"] {
            let r = try CLI.run([command, "--help"])
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.hasPrefix("Usage: authconsole \(command)"), r.stdout)
            XCTAssertTrue(r.stdout.contains("--db PATH|URL"), command)
        }
        let main = try CLI.run(["--help"])
        XCTAssertTrue(main.stdout.contains("Commands:"))
        XCTAssertEqual(try CLI.run(["--version"]).stdout, "authconsole 0.1.0\n")
    }

    func testDatabaseURLFromEnvironment() throws {
        let r = try CLI.run(["stats", "--format", "json"], environment: ["DATABASE_URL": "sqlite:///" + CLI.db("default")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try CLI.json(r)["total_users"] as? Int, 342)
    }
}

extension ErrorHandlingTests {
    /// A WAL database in a folder the user cannot write (no -shm yet): SQLite cannot read it
    /// safely, and the console says what to do. Needs a non-root user, so it runs as `nobody`.
    func testWALDatabaseInAReadOnlyFolder() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") || FileManager.default.isExecutableFile(atPath: "/sbin/runuser") else {
            throw XCTSkip("needs root and runuser to run the CLI as another user")
        }
        let dir = "/tmp/authconsole-walro-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/db.sqlite3"
        try FileManager.default.copyItem(atPath: CLI.db("default"), toPath: db)
        let wal = Process()
        wal.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        wal.arguments = [db, "PRAGMA journal_mode=wal;"]
        wal.standardOutput = FileHandle.nullDevice
        try wal.run()
        wal.waitUntilExit()
        for leftover in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + leftover) }
        // The binary must be reachable by nobody: copy it beside the database.
        let binary = dir + "/authconsole"
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        let runuser = FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: runuser)
        p.arguments = ["-u", "nobody", "--", binary, "--db", db, "stats"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 1)
        XCTAssertEqual(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                       "authconsole: \(db) is in WAL mode and its folder is not writable, so SQLite cannot read it safely: run as the site's user, or copy the database (with its -wal file) somewhere writable\n")
    }
}

extension ErrorHandlingTests {
    func testUnknownOptionWithoutACommand() throws {
        let r = try CLI.run(["--bogus"])
        XCTAssertEqual(r.status, 64)
        XCTAssertEqual(r.stderr, "authconsole: unknown option --bogus for `authconsole`; see `authconsole --help`\n")
    }
}
