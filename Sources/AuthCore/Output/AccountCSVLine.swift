/// The CSV line of one accounts row straight from the statement's bytes: exactly
/// `CSVWriter.line(row.csvCells)`, without a `String` per cell in the common case. A cell that is
/// not plain ASCII (or not stored as the type expected) takes the decoded path, so hostile text
/// is prefixed, neutralised and quoted by the same `CSVWriter.cell`.
enum AccountCSVLine {
    /// Columns as `AccountQuery.selectList` orders them.
    static func append(_ row: RawRow, to out: inout [UInt8]) {
        integer(row, 0, &out)
        out.append(UInt8(ascii: ","))
        integer(row, 1, &out)
        for column in 2...5 {
            out.append(UInt8(ascii: ","))
            text(row, column, &out)
        }
        for column in 6...7 {
            out.append(UInt8(ascii: ","))
            dateTime(row, column, &out)
        }
        out.append(UInt8(ascii: "\r"))
        out.append(UInt8(ascii: "\n"))
    }

    private static func integer(_ row: RawRow, _ column: Int, _ out: inout [UInt8]) {
        guard let v = row.integer(column), v >= 0 else {
            out.append(contentsOf: CSVWriter.cell(String(row.value(column).int ?? 0)).utf8)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var rest = UInt64(v)
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[n] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
                n += 1
            } while rest > 0
            while n > 0 {
                n -= 1
                out.append(buf[n])
            }
        }
    }

    private static func text(_ row: RawRow, _ column: Int, _ out: inout [UInt8]) {
        if let bytes = row.text(column), CSVWriter.isPlainUTF8(bytes: bytes) {
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: CSVWriter.cell(row.value(column).string ?? "").utf8)
        }
    }

    private static func dateTime(_ row: RawRow, _ column: Int, _ out: inout [UInt8]) {
        let parsed: UTCDateTime?
        if let bytes = row.text(column) {
            parsed = UTCDateTime(databaseBytes: bytes)
            // Django's own form, `YYYY-MM-DD HH:MM:SS` or with six non-zero fraction digits, is
            // already the ISO text but for the `T` and the `Z`: copy it. PostgreSQL's timestamptz
            // in the console's UTC session is the same text with `+00` after it.
            let local = utcLocalPart(bytes)
            if parsed != nil, isCanonical(local) {
                out.append(contentsOf: local[0..<10])
                out.append(UInt8(ascii: "T"))
                out.append(contentsOf: local[11...])
                out.append(UInt8(ascii: "Z"))
                return
            }
        } else {
            parsed = row.value(column).dateTime
        }
        guard let parsed else { return }
        // An ISO 8601 text is plain: CSVWriter.cell would return it unchanged.
        parsed.appendISO8601(to: &out)
    }

    /// The text before a trailing `+00` (a UTC offset, as PostgreSQL writes it), else all of it.
    private static func utcLocalPart(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let n = b.count
        guard n >= 22, b[n - 3] == UInt8(ascii: "+"), b[n - 2] == UInt8(ascii: "0"), b[n - 1] == UInt8(ascii: "0") else { return b }
        return UnsafeBufferPointer(rebasing: b[0..<(n - 3)])
    }

    /// Exactly the bytes `UTCDateTime.iso8601` gives for this (already parsed) value, apart from
    /// `T` and `Z`: a space separator, no offset, and either no fraction or six digits that are
    /// not all zero (iso8601 leaves out a zero fraction).
    private static func isCanonical(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b[10] == UInt8(ascii: " ") else { return false }
        if b.count == 19 { return true }
        guard b.count == 26, b[19] == UInt8(ascii: ".") else { return false }
        return b[20...].contains { $0 != UInt8(ascii: "0") }
    }
}
