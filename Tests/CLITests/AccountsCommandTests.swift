import XCTest

final class AccountsCommandTests: XCTestCase {
    func testJSONEqualsDjangoPaginator() throws {
        var checked = 0
        for name in ["default", "custom"] {
            for q in try CLI.expected(name)["account_queries"] as? [[String: Any]] ?? [] {
                var args = ["--db", CLI.db(name), "accounts", "--format", "json",
                            "--sort", q["sort"] as? String ?? "", "--page", "\(q["page"] ?? 1)", "--page-size", "\(q["page_size"] ?? 25)"]
                if let s = q["search"] as? String {
                    if s.contains("\0") { continue }  // argv cannot carry NUL; covered by AuthCore tests
                    args += ["--search", s]
                }
                if let p = q["provider"] as? String { args += ["--provider", p] }
                let r = try CLI.run(args)
                XCTAssertEqual(r.status, 0, r.stderr)
                let got = try CLI.json(r)
                let label = "\(name) \(args.dropFirst(3))"
                XCTAssertEqual((got["rows"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, q["ids"] as? [Int], label)
                XCTAssertEqual(got["count"] as? Int, q["count"] as? Int, label)
                XCTAssertEqual(got["num_pages"] as? Int, q["num_pages"] as? Int, label)
                XCTAssertEqual(got["page"] as? Int, q["page"] as? Int, label)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testRowShapeIsStable() throws {
        let r = try CLI.run(["--db", CLI.db("default"), "accounts", "--format", "json", "--page-size", "1", "--sort", "id"])
        let row = try XCTUnwrap((try CLI.json(r)["rows"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(row.keys), ["id", "user_id", "username", "email", "provider", "uid", "date_joined", "last_login"])
        XCTAssertTrue((row["date_joined"] as? String)?.hasSuffix("Z") == true)
    }

    func testSortSpellings() throws {
        let a = try CLI.run(["--db", CLI.db("default"), "accounts", "--sort", "-date_joined", "--format", "json"])
        let b = try CLI.run(["--db", CLI.db("default"), "accounts", "--sort=-date_joined", "--format", "json"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout)
    }

    func testTableOutputCarriesNoControlBytes() throws {
        for format in ["table", "csv", "json"] {
            let r = try CLI.run(["--db", CLI.db("default"), "accounts", "--format", format, "--page-size", "1000"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let forbidden = r.stdoutBytes.enumerated().filter { _, b in (b < 0x20 && b != 0x0A && b != 0x0D) || b == 0x7F }
            XCTAssertTrue(forbidden.isEmpty, "\(format): control bytes at \(forbidden.prefix(3).map(\.offset))")
            for s in r.stdout.unicodeScalars {
                XCTAssertFalse((0x80...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value),
                               "\(format): U+\(String(s.value, radix: 16))")
            }
        }
    }

    func testCSVNeutralisesFormulaCells() throws {
        let r = try CLI.run(["--db", CLI.db("default"), "accounts", "--format", "csv", "--page-size", "1000"])
        for line in r.stdout.split(separator: "\r\n") {
            for cell in line.split(separator: ",") {
                XCTAssertFalse(["=", "+", "-", "@"].contains(cell.first), String(line))
            }
        }
        XCTAssertTrue(r.stdout.hasPrefix("id,user_id,username,email,provider,uid,date_joined,last_login\r\n"))
    }

    func testPastTheLastPage() throws {
        let r = try CLI.run(["--db", CLI.db("default"), "accounts", "--page", "999"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "authconsole: page 999 is past the last page (13): pick a page from 1 to 13\n")
    }

    /// `authconsole accounts | head -c 10`: the reader goes away; we exit 0 with nothing on stderr.
    func testClosedPipeEndsQuietly() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "'\(CLI.binary)' --db '\(CLI.db("default"))' accounts --page-size 1000 --format csv | head -c 10 >/dev/null; echo \"${PIPESTATUS[0]}\""]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "0\n")
        XCTAssertEqual(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "")
    }
}
