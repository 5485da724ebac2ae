import Foundation
import XCTest
@testable import AuthCore

/// The export's byte path writes exactly what `CSVWriter.line(row.csvCells)` writes, for every
/// row the fixtures hold (hostile text included) and for values stored with odd types.
final class AccountCSVLineTests: XCTestCase {
    private func assertSameCSV(_ pager: AccountPager, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var decoded: [String] = []
        try pager.forEachRow { decoded.append(CSVWriter.line($0.csvCells)); return true }
        var fast: [String] = []
        try pager.forEachCSVLine { fast.append(String(decoding: $0, as: UTF8.self)); return true }
        XCTAssertEqual(fast.count, decoded.count, label, file: file, line: line)
        for (a, b) in zip(fast, decoded) where a != b {
            XCTFail("\(label): \(a.debugDescription) != \(b.debugDescription)", file: file, line: line)
        }
    }

    func testEveryFixtureRowIsTheSameLine() throws {
        for fixture in ["default", "custom"] {
            let store = try Fixtures.store(fixture)
            for filter in [AccountFilter(), AccountFilter(search: "\u{1B}"), AccountFilter(provider: "github")] {
                try assertSameCSV(try store.accounts(filter: filter), "\(fixture) \(filter)")
            }
        }
    }

    func testOddlyStoredValuesTakeTheDecodedPath() throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/odd.sqlite3"
        try FileManager.default.copyItem(atPath: Fixtures.path("default"), toPath: path)
        let odd = """
            PRAGMA foreign_keys=OFF;
            INSERT INTO socialaccount_socialaccount (id, user_id, provider, uid, last_login, date_joined, extra_data) VALUES
              (-7, 1, 'github', 42, 12345, '2026-01-01T00:00:00+02:00', '{}'),
              (900001, 1, '=cmd', X'1b5b324a', '2026-01-01 00:00:00.5', 'garbage', '{}'),
              (900002, 1, ' lead', 'tail ', '2026-02-30 00:00:00', '2026-01-01 00:00:00Z', '{}'),
              (900003, 1, 'a,b', 'say "hi"', '9999-12-31 23:59:59.999999', '0001-01-01 00:00:00', '{}'),
              (900004, 1, 'caf' || char(233), '-1', '2026-01-01 00:00:00.1234567', '', '{}'),
              (900005, 1, 'x', 1.5, '2026-01-01 24:00:00', '2026-01-01 00:00', '{}'),
              (900006, 1, 'nul', CAST(X'61006200' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900007, 1, 'bad-utf8', CAST(X'ff61c3' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900008, 1, 'esc', CAST(X'1b5b324a' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900100, 1, 'u0', CAST(X'68c3a9646f' AS TEXT), '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.120000', '{}'),
              (900101, 1, 'u1', CAST(X'612cccc1' AS TEXT), '2026-01-01 00:00:00.5', '2026-01-01T00:00:00', '{}'),
              (900102, 1, 'u2', CAST(X'20cc81' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900103, 1, 'u3', CAST(X'78cc8120' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900104, 1, 'u4', CAST(X'78c285' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900105, 1, 'u5', CAST(X'78e280a8' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900106, 1, 'u6', CAST(X'78e280ae' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900107, 1, 'u7', CAST(X'78c080' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900108, 1, 'u8', CAST(X'78eda080' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900109, 1, 'u9', CAST(X'78f09f9880' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900110, 1, 'u10', CAST(X'78f4908080' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900111, 1, 'u11', CAST(X'78e0a0' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900112, 1, 'u12', CAST(X'78c2a0' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900113, 1, 'u13', CAST(X'2dc3a9' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900114, 1, 'u14', CAST(X'78d89c' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}'),
              (900115, 1, 'u15', CAST(X'78efbbbf' AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}');
            UPDATE auth_user SET username = '@home' WHERE id = 1;
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", path, odd]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let store = try AuthStore(connection: SQLiteConnection(path: path))
        for field in AccountSortField.allCases {
            try assertSameCSV(try store.accounts(sort: AccountSort(field: field, descending: false)), "odd rows, \(field)")
        }
        var lines: [String] = []
        try store.accounts(sort: AccountSort(field: .id, descending: false)).forEachCSVLine {
            lines.append(String(decoding: $0, as: UTF8.self)); return true
        }
        XCTAssertEqual(lines.first, "'-7,1,'@home,\(try XCTUnwrap(store.user(id: 1).email ?? "")),github,42,2025-12-31T22:00:00Z,\r\n", "an integer last_login is no datetime: empty, as decoded")
    }
}
