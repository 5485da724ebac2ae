extension UTCDateTime {
    /// Parses what a backend returns for a Django datetime: `YYYY-MM-DD HH:MM:SS[.f{1,6}]`, with
    /// `T` or space, and an optional `Z`, `+00`, `+00:00` or other offset (applied exactly).
    /// Anything else is nil, never a guess.
    public init?(databaseText text: String) {
        var text = text
        guard let parsed = text.withUTF8({ UTCDateTime(databaseBytes: $0) }) else { return nil }
        self = parsed
    }

    /// `init(databaseText:)` over the UTF-8 bytes in place (exports parse two per row).
    public init?(databaseBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count >= 19 else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              b[10] == 32 || b[10] == 84,
              let h = num(11, 2), b[13] == 58, let mi = num(14, 2), b[16] == 58, let s = num(17, 2),
              h < 24, mi < 60, s < 60,
              let date = CivilDate(year: y, month: mo, day: d)
        else { return nil }
        var i = 19
        var micro = 0
        if i < b.count && b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 6 { micro = micro * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits >= 1 else { return nil }
            for _ in 0..<max(0, 6 - digits) { micro *= 10 }
        }
        var offsetSeconds = 0
        if i < b.count {
            if b[i] == 90 && i + 1 == b.count {  // Z
                i += 1
            } else if b[i] == 43 || b[i] == 45 {  // + or -
                let sign = b[i] == 43 ? 1 : -1
                guard let oh = num(i + 1, 2) else { return nil }
                i += 3
                var om = 0
                if i < b.count {
                    if b[i] == 58 { i += 1 }
                    guard let m = num(i, 2) else { return nil }
                    om = m
                    i += 2
                }
                guard i == b.count else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        let base = UTCDateTime(date: date, hour: h, minute: mi, second: s, microsecond: micro)
        self.init(microsecondsSinceEpoch: base.microseconds - Int64(offsetSeconds) * 1_000_000)
    }

    /// Parses `--now`: ISO 8601 in UTC (`2026-06-15T12:00:00Z`, fraction optional), or a date.
    public init?(iso8601 text: String) {
        if text.utf8.count == 10, let d = CivilDate(isoText: text) {
            self.init(date: d)
            return
        }
        guard text.hasSuffix("Z") || text.contains("+") else { return nil }
        self.init(databaseText: text)
    }
}

extension CivilDate {
    public init?(isoText text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}
