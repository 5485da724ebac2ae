/// Human-readable, bounded, secret-safe descriptions of values. Strings under secret-looking keys
/// are replaced by `<redacted>`, passwords in URLs by `***`, and values read from the environment or
/// a `.env` file are never shown: only `$NAME` and where it came from.
extension PythonValue: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { describe(sensitive: false) }
    public var debugDescription: String { description }

    /// `sensitive` hides scalar values (use it when the value belongs to a secret-looking name).
    public func describe(sensitive: Bool, maxLength: Int = 4000) -> String {
        var writer = DescriptionWriter(remaining: maxLength)
        writer.write(self, sensitive: sensitive)
        return writer.text
    }

    static let redacted = "<redacted>"
}

extension EnvironmentReference: CustomStringConvertible {
    /// `$NAME (set)`, `$NAME (from .env)`, `$NAME (unset; default 'x')` or `$NAME (unset, no default)`.
    public var description: String { describe(sensitive: false) }

    func describe(sensitive: Bool) -> String {
        let hideDefault = sensitive || SecretPolicy.isSensitive(name: name)
        switch resolution {
        case .environment: return "$\(name) (set)"
        case .dotEnv(let file): return "$\(name) (from \(file))"
        case .defaultValue:
            return "$\(name) (unset; default \(defaultValue?.describe(sensitive: hideDefault, maxLength: 200) ?? "None"))"
        case .unset: return "$\(name) (unset, no default)"
        }
    }
}

private struct DescriptionWriter {
    var remaining: Int
    var text = ""
    private var truncated = false

    init(remaining: Int) { self.remaining = remaining }

    mutating func append(_ piece: String) {
        guard !truncated else { return }
        if piece.count > remaining {
            text += piece.prefix(max(0, remaining)) + "..."
            truncated = true
            remaining = 0
        } else {
            text += piece
            remaining -= piece.count
        }
    }

    mutating func write(_ value: PythonValue, sensitive: Bool) {
        guard !truncated else { return }
        switch value {
        case .string(let s):
            append(sensitive ? PythonValue.redacted : Formatting.repr(string: SecretPolicy.maskingURLPassword(s)))
        case .int, .float:
            append(sensitive ? PythonValue.redacted : Formatting.str(value) ?? "?")
        case .bool(let b): append(b ? "True" : "False")
        case .none: append("None")
        case .path(let p): append(sensitive ? PythonValue.redacted : "Path(\(Formatting.repr(string: p)))")
        case .list(let items): writeSequence(items, open: "[", close: "]", sensitive: sensitive)
        case .tuple(let items):
            writeSequence(items, open: "(", close: items.count == 1 ? ",)" : ")", sensitive: sensitive)
        case .set(let items):
            if items.isEmpty { append("set()") } else { writeSequence(items, open: "{", close: "}", sensitive: sensitive) }
        case .dict(let entries):
            append("{")
            for (index, entry) in entries.enumerated() {
                if index > 0 { append(", ") }
                write(entry.key, sensitive: false)
                append(": ")
                let keyName = entry.key.stringValue ?? ""
                write(entry.value, sensitive: sensitive || SecretPolicy.isSensitive(name: keyName))
                if truncated { return }
            }
            append("}")
        case .env(let reference): append(reference.describe(sensitive: sensitive))
        case .reference(let name): append("<\(name)>")
        case .dynamic(let dynamic): append("<dynamic: \(dynamic.reason) (\(dynamic.location))>")
        }
    }

    private mutating func writeSequence(_ items: [PythonValue], open: String, close: String, sensitive: Bool) {
        append(open)
        for (index, item) in items.enumerated() {
            if index > 0 { append(", ") }
            write(item, sensitive: sensitive)
            if truncated { return }
        }
        append(close)
    }
}
