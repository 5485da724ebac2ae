/// One value read from, or bound into, a database statement, independent of the backend.
public enum DatabaseValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var int: Int64? {
        switch self {
        case .integer(let v): return v
        case .real(let v): return v.isFinite ? Int64(exactly: v.rounded(.towardZero)) : nil
        case .text(let s): return Int64(s)
        default: return nil
        }
    }

    public var string: String? {
        switch self {
        case .text(let s): return s
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        case .null: return nil
        }
    }

    /// Django stores booleans as integers on SQLite and as `t`/`f` text through libpq.
    public var bool: Bool? {
        switch self {
        case .integer(let v): return v != 0
        case .real(let v): return v != 0
        case .text(let s):
            switch s.lowercased() {
            case "t", "true", "1": return true
            case "f", "false", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    public var dateTime: UTCDateTime? {
        guard let s = string else { return nil }
        return UTCDateTime(databaseText: s)
    }
}
