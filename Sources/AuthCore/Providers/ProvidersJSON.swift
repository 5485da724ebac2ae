import Foundation

/// A dump of `settings.SOCIALACCOUNT_PROVIDERS` (`--providers-json FILE`), for sites whose
/// settings are too dynamic to read. Parsed into the same `PythonValue` shape as the settings.
public struct ProvidersJSON: Sendable {
    public let displayName: String
    public let value: PythonValue

    public static let maxBytes = 4 << 20
    public static let maxDepth = 64

    public init(displayName: String, value: PythonValue) {
        self.displayName = displayName
        self.value = value
    }

    public static func read(path: String, displayName: String? = nil) throws -> ProvidersJSON {
        let name = displayName ?? path
        let url = URL(fileURLWithPath: path)
        let bytes: [UInt8]
        switch SourceFile.load(url, displayPath: name, maxBytes: maxBytes) {
        case .success(let loaded): bytes = loaded
        case .failure(let error): throw ProvidersJSONError.unreadable(path: name, reason: error.message)
        }
        return try parse(Data(bytes), displayName: name)
    }

    public static func parse(_ data: Data, displayName: String) throws -> ProvidersJSON {
        guard data.count <= maxBytes else { throw ProvidersJSONError.invalid(path: displayName, reason: "larger than \(maxBytes) bytes") }
        let text = String(decoding: data, as: UTF8.self)
        guard ExtraDataSummary.depth(of: text) <= maxDepth else {
            throw ProvidersJSONError.invalid(path: displayName, reason: "nested deeper than \(maxDepth) levels")
        }
        let node: JSONNode
        do {
            node = try JSONDecoder().decode(JSONNode.self, from: data)
        } catch {
            // The decoder's own message may quote the file; say only that it is not JSON.
            throw ProvidersJSONError.invalid(path: displayName, reason: "not valid JSON")
        }
        guard case .object = node else {
            throw ProvidersJSONError.invalid(path: displayName, reason: "the top level is not an object of provider ids")
        }
        return ProvidersJSON(displayName: displayName, value: node.pythonValue)
    }
}

public enum ProvidersJSONError: UserFacingError, Equatable {
    case unreadable(path: String, reason: String)
    case invalid(path: String, reason: String)

    public var message: String {
        switch self {
        case .unreadable(_, let reason):
            return "--providers-json: \(reason)"
        case .invalid(let path, let reason):
            return "--providers-json \(SettingsError.printable(path)) is \(reason): give a JSON dump of settings.SOCIALACCOUNT_PROVIDERS, e.g. python manage.py shell -c \"import json; from django.conf import settings; print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS, default=str))\""
        }
    }
}

private indirect enum JSONNode: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONNode]), object([(String, JSONNode)])

    init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var pairs: [(String, JSONNode)] = []
            for key in keyed.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                pairs.append((key.stringValue, try keyed.decode(JSONNode.self, forKey: key)))
            }
            self = .object(pairs)
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONNode] = []
            while !list.isAtEnd { items.append(try list.decode(JSONNode.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null } else if let b = try? single.decode(Bool.self) { self = .bool(b) } else if let i = try? single.decode(Int.self) {
            self = .int(i)
        } else if let d = try? single.decode(Double.self) { self = .double(d) } else { self = .string(try single.decode(String.self)) }
    }

    var pythonValue: PythonValue {
        switch self {
        case .null: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .string(let s): return .string(s)
        case .array(let items): return .list(items.map(\.pythonValue))
        case .object(let pairs): return .dict(pairs.map { DictionaryEntry(key: .string($0.0), value: $0.1.pythonValue) })
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
