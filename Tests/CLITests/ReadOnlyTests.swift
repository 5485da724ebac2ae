import Foundation
import XCTest

/// Every command leaves the site's database byte-identical, in both journal modes.
final class ReadOnlyTests: XCTestCase {
    func testNoCommandChangesTheDatabase() throws {
        let dir = NSTemporaryDirectory() + "authconsole-ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for mode in ["delete", "wal"] {
            let db = dir + "/\(mode).sqlite3"
            try FileManager.default.copyItem(atPath: CLI.db("default"), toPath: db)
            let setMode = Process()
            setMode.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            setMode.arguments = [db, "PRAGMA journal_mode=\(mode);"]
            setMode.standardOutput = FileHandle.nullDevice
            try setMode.run()
            setMode.waitUntilExit()
            let before = try Data(contentsOf: URL(fileURLWithPath: db))
            let listing = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            let commands: [[String]] = [
                ["stats"], ["stats", "--format", "json", "--days", "90"], ["stats", "--format", "csv"],
                ["accounts"], ["accounts", "--search", "a", "--sort", "-email", "--page", "2", "--format", "csv"],
                ["accounts", "--provider", "github", "--format", "json"], ["user", "1"], ["user", "47", "--format", "json"],
                ["accounts", "--page", "999"], ["user", "nobody"],
                ["providers"], ["providers", "--format", "json"], ["doctor"], ["doctor", "--format", "json"],
                ["snippet", "github"], ["snippet", "corp-sso"],
            ]
            for args in commands {
                try CLI.run(["--db", db] + args)
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before, "\(mode): \(args)")
            }
            // In WAL mode SQLite keeps its coordination files (-wal, -shm) beside the database, as
            // any reader does; the -wal must be empty (nothing written) and owned like the database.
            let extra = Set(try FileManager.default.contentsOfDirectory(atPath: dir)).subtracting(listing)
            XCTAssertTrue(extra.isSubset(of: ["\(mode).sqlite3-wal", "\(mode).sqlite3-shm"]), "\(mode): \(extra)")
            if extra.contains("\(mode).sqlite3-wal") {
                let attrs = try FileManager.default.attributesOfItem(atPath: db + "-wal")
                let dbAttrs = try FileManager.default.attributesOfItem(atPath: db)
                XCTAssertEqual(attrs[.size] as? Int, 0, "nothing was written to the WAL")
                XCTAssertEqual(attrs[.ownerAccountID] as? Int, dbAttrs[.ownerAccountID] as? Int)
            }
        }
    }
}
