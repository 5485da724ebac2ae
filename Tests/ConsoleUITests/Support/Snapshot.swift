import AuthCore
import Foundation
import XCTest
@testable import ConsoleUI

/// Golden screens as plain text beside the tests (Tests/ConsoleUITests/Snapshots/NAME.txt).
/// `RECORD_SNAPSHOTS=1 swift test` rewrites them; a missing one is written and the test fails
/// so it gets looked at.
enum Snapshot {
    static var folder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots").path
    }

    static func assert(_ buffer: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        Screens.assertClean(buffer, name, file: file, line: line)
        let path = folder + "/\(name).txt"
        let actual = buffer.text
        let record = !(ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] ?? "").isEmpty
        guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            do {
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                XCTFail("cannot write snapshot \(path): \(error)", file: file, line: line)
                return
            }
            if !record { XCTFail("recorded new snapshot \(name); check it and run again", file: file, line: line) }
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            var diff: [String] = []
            for i in 0..<max(a.count, e.count) {
                let al = i < a.count ? String(a[i]) : "<none>"
                let el = i < e.count ? String(e[i]) : "<none>"
                if al != el { diff.append("line \(i + 1):\n  expected: \(el)\n  actual:   \(al)") }
            }
            XCTFail("snapshot \(name) differs (RECORD_SNAPSHOTS=1 to re-record):\n" + diff.prefix(8).joined(separator: "\n"), file: file, line: line)
        }
    }
}

/// Checks every frame must pass: no character a terminal could act on, and every row exactly
/// as wide as the screen (wide and combining characters keep the columns).
enum Screens {
    static func assertClean(_ b: ScreenBuffer, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<b.height {
            for x in 0..<b.width {
                for s in b[x, y].text.unicodeScalars where UntrustedText.needsReplacement(s) {
                    XCTFail("\(name): control U+\(String(s.value, radix: 16)) at \(x),\(y)", file: file, line: line)
                    return
                }
            }
            let w = DisplayWidth.of(b.line(y))
            if w != b.width {
                XCTFail("\(name): row \(y) is \(w) columns wide, not \(b.width): \(b.line(y))", file: file, line: line)
                return
            }
        }
    }
}
