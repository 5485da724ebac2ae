// libFuzzer target: the database value decoders: datetimes as SQLite/PostgreSQL store them,
// ISO 8601 from --now, extra_data JSON, database URLs. The first byte picks the decoder.
@testable import AuthCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch data[0] % 4 {
    case 0:
        if let t = UTCDateTime(databaseText: text) { _ = t.description }
    case 1:
        if let t = UTCDateTime(iso8601: text) { _ = t.description }
        _ = CivilDate(isoText: text)
    case 2:
        let s = ExtraDataSummary(json: text)
        _ = s.summary
    default:
        _ = DatabaseURL.parse(text)
    }
    return 0
}
