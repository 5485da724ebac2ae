import XCTest
@testable import AuthCore

final class OutputSafetyTests: XCTestCase {
    func testTerminalControlsBecomeVisible() {
        XCTAssertEqual(UntrustedText.sanitized("\u{1B}]52;c;ZXZpbA==\u{07}x"), "␛]52;c;ZXZpbA==␇x")
        XCTAssertEqual(UntrustedText.sanitized("\u{9B}31m"), "\u{FFFD}31m")
        XCTAssertEqual(UntrustedText.sanitized("bidi\u{202E}gnp.exe \u{2066}x\u{2069}"), "bidi\u{FFFD}gnp.exe \u{FFFD}x\u{FFFD}")
        XCTAssertEqual(UntrustedText.sanitized("a\u{0}b\u{7F}c\nd\te"), "a␀b␡c␊d␉e")
        XCTAssertEqual(UntrustedText.sanitized("山田 résumé e\u{301}"), "山田 résumé e\u{301}")
    }

    func testJSONEscapesEveryControlAndStaysValid() throws {
        let hostile = "\u{1B}[2J\u{9B}\u{202E}\"\\\n\u{0}"
        let text = JSONValue.object([("k", .string(hostile))]).serialized(pretty: false)
        XCTAssertEqual(text, #"{"k":"\u001b[2J\u009b\u202e\"\\\n\u0000"}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        XCTAssertEqual(parsed?["k"], hostile)
    }

    func testCSVNeutralisesFormulasAndQuotes() {
        XCTAssertEqual(CSVWriter.cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"")
        XCTAssertEqual(CSVWriter.cell("+1"), "'+1")
        XCTAssertEqual(CSVWriter.cell("-2"), "'-2")
        XCTAssertEqual(CSVWriter.cell("@cmd"), "'@cmd")
        XCTAssertEqual(CSVWriter.cell("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.cell("\u{1B}[2J"), "␛[2J")
        XCTAssertEqual(CSVWriter.line(["1", nil, "x"]), "1,,x\r\n")
    }
}

final class CSVFastPathTests: XCTestCase {
    /// The plain-text fast path returns exactly what the full path returns.
    func testFastPathAgreesWithTheFullPath() {
        let samples = ["", "alice", "a,b", "say \"hi\"", " lead", "trail ", "=1+1", "+x", "-x", "@x", "\tx", "x\ty",
                       "ok-123@example.com", "2026-06-15T12:00:00Z", "é", "\u{202E}x", "x\u{7F}", "x\r\ny", "a b", "~!#$%^&*()"]
        for s in samples {
            var text = s
            if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r", "\0"].contains(first) { text = "'" + text }
            text = UntrustedText.sanitized(text)
            let needsQuotes = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ") || text.hasSuffix(" ")
            if CSVWriter.isPlain(s) {
                XCTAssertFalse(needsQuotes, s)
                XCTAssertEqual(text, s, s)
            }
            XCTAssertEqual(CSVWriter.isPlain(s), ["", "alice", "ok-123@example.com", "2026-06-15T12:00:00Z", "a b", "~!#$%^&*()"].contains(s), s)
        }
    }
}
