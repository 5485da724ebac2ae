import Foundation

/// A short, safe description of a social account's `extra_data` JSON: its shape, size and the
/// few fields that identify a person at a glance. Parsing is bounded in size and depth.
public struct ExtraDataSummary: Equatable, Sendable {
    public enum Shape: Equatable, Sendable {
        case object(keyCount: Int)
        case array(count: Int)
        case string
        case number
        case bool
        case null
        case tooLarge
        case tooDeep
        case invalid
    }

    public let byteCount: Int
    public let shape: Shape
    /// Selected identifying fields (login, name, email, avatar, profile URL, ...), in this order.
    public let highlights: [(key: String, value: String)]
    /// The raw text, for a viewer; bounded by `maxParsedBytes`.
    public let raw: String?

    public static let maxParsedBytes = 1 << 20
    public static let maxDepth = 64
    static let highlightKeys = ["login", "username", "preferred_username", "name", "email", "sub", "id",
                                "html_url", "profile", "avatar_url", "picture", "locale"]

    public init(json text: String) {
        byteCount = text.utf8.count
        raw = byteCount <= Self.maxParsedBytes ? text : nil
        (shape, highlights) = Self.classify(text)
    }

    private static func classify(_ text: String) -> (Shape, [(key: String, value: String)]) {
        guard text.utf8.count <= maxParsedBytes else { return (.tooLarge, []) }
        guard depth(of: text) <= maxDepth else { return (.tooDeep, []) }
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return (.invalid, [])
        }
        // The first significant byte tells the JSON type without Foundation's bridging quirks.
        switch text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
        case UInt8(ascii: "{"):
            let dict = value as? [String: Any] ?? [:]
            let picked: [(key: String, value: String)] = highlightKeys.compactMap { key in
                switch dict[key] {
                case let s as String: return (key, s)
                case let n as NSNumber: return (key, n.stringValue)
                default: return nil
                }
            }
            return (.object(keyCount: dict.count), picked)
        case UInt8(ascii: "["): return (.array(count: (value as? [Any])?.count ?? 0), [])
        case UInt8(ascii: "\""): return (.string, [])
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return (.bool, [])
        case UInt8(ascii: "n"): return (.null, [])
        default: return (.number, [])
        }
    }

    /// Deepest bracket nesting, counted without parsing (strings skipped), so hostile input cannot
    /// exhaust the stack of a recursive parser.
    static func depth(of text: String) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in text.utf8 {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x5B, 0x7B: depth += 1; deepest = max(deepest, depth)
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// One line: "object, 12 keys, 1.2 KB: login=octocat name=…".
    public var summary: String {
        let size = Self.formatBytes(byteCount)
        let kind: String
        switch shape {
        case .object(let n): kind = "object, \(n) key\(n == 1 ? "" : "s")"
        case .array(let n): kind = "list of \(n) item\(n == 1 ? "" : "s") (not an object)"
        case .string: kind = "a JSON string (not an object)"
        case .number: kind = "a number (not an object)"
        case .bool: kind = "a boolean (not an object)"
        case .null: kind = "null"
        case .tooLarge: kind = "too large to parse"
        case .tooDeep: kind = "nested deeper than \(Self.maxDepth) levels (not parsed)"
        case .invalid: kind = "not valid JSON"
        }
        var line = "\(kind), \(size)"
        if !highlights.isEmpty {
            line += ": " + highlights.prefix(4).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        return line
    }

    static func formatBytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return String(format: "%.1f KB", Double(n) / 1024) }
        return String(format: "%.1f MB", Double(n) / 1048576)
    }

    public static func == (a: ExtraDataSummary, b: ExtraDataSummary) -> Bool {
        a.byteCount == b.byteCount && a.shape == b.shape && a.highlights.map(\.key) == b.highlights.map(\.key)
            && a.highlights.map(\.value) == b.highlights.map(\.value)
    }
}
