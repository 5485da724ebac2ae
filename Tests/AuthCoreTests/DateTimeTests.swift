import XCTest
@testable import AuthCore

final class DateTimeTests: XCTestCase {
    func testParsesWhatDjangoWritesExactly() throws {
        let a = try XCTUnwrap(UTCDateTime(databaseText: "2026-06-08 12:00:00"))
        XCTAssertEqual(a.iso8601, "2026-06-08T12:00:00Z")
        let b = try XCTUnwrap(UTCDateTime(databaseText: "2026-06-08 11:59:59.999999"))
        XCTAssertEqual(b.microseconds, a.microseconds - 1)
        XCTAssertEqual(b.djangoSQLiteText, "2026-06-08 11:59:59.999999")
        XCTAssertEqual(UTCDateTime(databaseText: "2026-06-08 12:00:00.5")?.iso8601, "2026-06-08T12:00:00.500000Z")
        XCTAssertEqual(UTCDateTime(databaseText: "2026-06-08 14:00:00+02")?.iso8601, "2026-06-08T12:00:00Z")
        XCTAssertEqual(UTCDateTime(databaseText: "2026-06-08T07:30:00-04:30")?.iso8601, "2026-06-08T12:00:00Z")
        XCTAssertEqual(UTCDateTime(databaseText: "1969-12-31 23:59:59")?.microseconds, -1_000_000)
    }

    func testRejectsWhatItCannotReadExactly() {
        for bad in ["", "2026-13-01 00:00:00", "2026-02-30 00:00:00", "2026-06-08", "yesterday", "2026-06-08 25:00:00", "2026-06-08 12:00:00.", "2026-06-08 12:00:00 junk"] {
            XCTAssertNil(UTCDateTime(databaseText: bad), bad)
        }
        XCTAssertNil(UTCDateTime(iso8601: "2026-06-08 12:00:00"), "--now must say it is UTC")
        XCTAssertEqual(UTCDateTime(iso8601: "2026-06-15")?.iso8601, "2026-06-15T00:00:00Z")
    }

    func testCivilDatesRoundTripAcrossLeapYears() throws {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let d = CivilDate(daysSinceEpoch: days)
            XCTAssertEqual(d.daysSinceEpoch, days)
            XCTAssertEqual(CivilDate(year: d.year, month: d.month, day: d.day), d)
        }
        XCTAssertEqual(CivilDate(daysSinceEpoch: 0).description, "1970-01-01")
        XCTAssertEqual(try XCTUnwrap(CivilDate(year: 2024, month: 2, day: 28)).adding(days: 1).description, "2024-02-29")
        XCTAssertNil(CivilDate(year: 2023, month: 2, day: 29))
    }
}

final class DateTimeFormatFastPathTests: XCTestCase {
    /// The byte-buffer formatting round-trips through the parser and matches the padded text.
    /// Tables cut the fraction (never round up into the next second), also before 1970.
    func testSecondsFormCutsTheFraction() throws {
        let t = try XCTUnwrap(UTCDateTime(iso8601: "2026-06-15T12:07:30.999999Z"))
        XCTAssertEqual(t.iso8601, "2026-06-15T12:07:30.999999Z")
        XCTAssertEqual(t.iso8601Seconds, "2026-06-15T12:07:30Z")
        XCTAssertEqual(try XCTUnwrap(UTCDateTime(iso8601: "1969-12-31T23:59:59.500000Z")).iso8601Seconds, "1969-12-31T23:59:59Z")
        XCTAssertEqual(try XCTUnwrap(UTCDateTime(iso8601: "2026-06-15T12:01:00Z")).iso8601Seconds, "2026-06-15T12:01:00Z")
    }

    func testFormattingRoundTripsAcrossYearsAndMicroseconds() throws {
        var state: UInt64 = 42
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        let span: Int64 = 253_402_300_799_999_999 + 62_167_219_200_000_000  // 0000-01-01 ... 9999-12-31
        for i in 0..<2000 {
            let micro = Int64(next() % UInt64(span)) - 62_167_219_200_000_000
            let t = UTCDateTime(microsecondsSinceEpoch: i % 3 == 0 ? micro - micro % 1_000_000 : micro)
            let text = t.djangoSQLiteText
            XCTAssertEqual(UTCDateTime(databaseText: text), t, text)
            XCTAssertEqual(t.iso8601, text.replacingOccurrences(of: " ", with: "T") + "Z")
            XCTAssertEqual(text.count, t.microseconds % 1_000_000 == 0 ? 19 : 26, text)
        }
        XCTAssertEqual(UTCDateTime(microsecondsSinceEpoch: 0).iso8601, "1970-01-01T00:00:00Z")
        XCTAssertEqual(UTCDateTime(microsecondsSinceEpoch: -1).djangoSQLiteText, "1969-12-31 23:59:59.999999")
    }
}
