/// An instant in UTC with microsecond precision, stored as microseconds since the Unix epoch so
/// arithmetic and comparisons are exact and never pass through the local time zone.
public struct UTCDateTime: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let microseconds: Int64

    public static let microsecondsPerSecond: Int64 = 1_000_000
    public static let microsecondsPerDay: Int64 = 86_400 * 1_000_000

    public init(microsecondsSinceEpoch: Int64) { self.microseconds = microsecondsSinceEpoch }

    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
        self.microseconds = seconds * Self.microsecondsPerSecond + Int64(microsecond)
    }

    public var date: CivilDate {
        CivilDate(daysSinceEpoch: Int(floorDiv(microseconds, Self.microsecondsPerDay)))
    }

    public var startOfDay: UTCDateTime { UTCDateTime(date: date) }

    public func adding(days: Int) -> UTCDateTime {
        UTCDateTime(microsecondsSinceEpoch: microseconds + Int64(days) * Self.microsecondsPerDay)
    }

    private var timeOfDay: (hour: Int, minute: Int, second: Int, micro: Int) {
        let inDay = microseconds - floorDiv(microseconds, Self.microsecondsPerDay) * Self.microsecondsPerDay
        let micro = Int(inDay % Self.microsecondsPerSecond)
        let secs = Int(inDay / Self.microsecondsPerSecond)
        return (secs / 3600, secs / 60 % 60, secs % 60, micro)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`: how Django writes datetimes into SQLite.
    public var djangoSQLiteText: String { format(separator: " ", suffix: "") }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`: the console's output form, as Python's isoformat gives.
    public var iso8601: String { format(separator: "T", suffix: "Z") }

    public var description: String { iso8601 }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the fraction cut off: for tables people read, where every row of a
    /// column should have one width (JSON and CSV keep `iso8601`).
    public var iso8601Seconds: String {
        let whole = floorDiv(microseconds, Self.microsecondsPerSecond) * Self.microsecondsPerSecond
        return UTCDateTime(microsecondsSinceEpoch: whole).iso8601
    }

    private func format(separator: String, suffix: String) -> String {
        // Fast path (exports format two per row): one byte buffer for years 0-9999 and one-byte
        // separator and suffix; the same text as the general path below.
        if separator.utf8.count == 1, suffix.utf8.count <= 1, let sep = separator.utf8.first {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(27)
            if appendBytes(to: &bytes, separator: sep, suffix: suffix.utf8.first) {
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        let t = timeOfDay
        var s = date.description + separator + pad(t.hour, 2) + ":" + pad(t.minute, 2) + ":" + pad(t.second, 2)
        if t.micro != 0 { s += "." + pad(t.micro, 6) }
        return s + suffix
    }

    /// Appends `iso8601`'s UTF-8 bytes (no String made).
    public func appendISO8601(to bytes: inout [UInt8]) {
        if !appendBytes(to: &bytes, separator: UInt8(ascii: "T"), suffix: UInt8(ascii: "Z")) {
            bytes.append(contentsOf: iso8601.utf8)
        }
    }

    /// The formatted text for years 0-9999; false (nothing appended) for other years.
    private func appendBytes(to bytes: inout [UInt8], separator: UInt8, suffix: UInt8?) -> Bool {
        let d = date
        guard (0...9999).contains(d.year) else { return false }
        let t = timeOfDay
        func put(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") &+ UInt8(v / divisor))
                v %= divisor
                divisor /= 10
            }
        }
        put(d.year, 4); bytes.append(UInt8(ascii: "-")); put(d.month, 2); bytes.append(UInt8(ascii: "-")); put(d.day, 2)
        bytes.append(separator); put(t.hour, 2); bytes.append(UInt8(ascii: ":")); put(t.minute, 2); bytes.append(UInt8(ascii: ":")); put(t.second, 2)
        if t.micro != 0 { bytes.append(UInt8(ascii: ".")); put(t.micro, 6) }
        if let suffix { bytes.append(suffix) }
        return true
    }

    public static func < (a: UTCDateTime, b: UTCDateTime) -> Bool { a.microseconds < b.microseconds }

    /// The current instant from the system clock.
    public static func now() -> UTCDateTime {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UTCDateTime(microsecondsSinceEpoch: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

#if canImport(Glibc)
import Glibc
#endif
