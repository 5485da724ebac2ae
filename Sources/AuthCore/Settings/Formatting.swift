import Foundation

/// Python's `str()`, `repr()`, `%` formatting, `str.format` and format specs over known values.
/// Every function returns nil when the result depends on something unknown or unsupported.
enum Formatting {
    /// Widths and precisions beyond these are not expanded (they would only build huge strings).
    static let maxWidth = 1000
    static let maxPrecision = 100

    static func str(_ value: PythonValue) -> String? {
        switch value {
        case .string(let s): return s
        case .path(let p): return p
        case .env(let reference): return reference.resolvedValue.flatMap(str)
        default: return repr(value)
        }
    }

    static func repr(_ value: PythonValue) -> String? {
        switch value {
        case .string(let s): return repr(string: s)
        case .int(let i): return String(i)
        case .float(let d): return float(d)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .path(let p): return "PosixPath(\(repr(string: p)))"
        case .list(let items): return sequence(items, "[", "]")
        case .tuple(let items): return sequence(items, "(", items.count == 1 ? ",)" : ")")
        case .set(let items): return items.isEmpty ? "set()" : sequence(items, "{", "}")
        case .dict(let entries):
            var parts: [String] = []
            for entry in entries {
                guard let key = repr(entry.key), let value = repr(entry.value) else { return nil }
                parts.append("\(key): \(value)")
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .env(let reference): return reference.resolvedValue.flatMap(repr)
        case .reference, .dynamic: return nil
        }
    }

    private static func sequence(_ items: [PythonValue], _ open: String, _ close: String) -> String? {
        var parts: [String] = []
        for item in items {
            guard let text = repr(item) else { return nil }
            parts.append(text)
        }
        return open + parts.joined(separator: ", ") + close
    }

    static func float(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded() && abs(d) < 1e16 { return String(format: "%.1f", d) }
        return "\(d)"
    }

    /// Python's repr of a str: single quotes unless the text has a single quote and no double quote.
    static func repr(string s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\\(quote)"
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    // MARK: - printf-style `%`

    static func percent(_ format: String, _ arguments: PythonValue) -> String? {
        var positional: [PythonValue]
        var mapping: [DictionaryEntry] = []
        switch arguments {
        case .tuple(let items): positional = items
        case .dict(let entries): positional = [arguments]; mapping = entries
        default: positional = [arguments]
        }
        var out = ""
        var chars = Array(format)
        var i = 0
        var next = 0
        chars.append("\0")
        while i < chars.count - 1 {
            let c = chars[i]
            guard c == "%" else { out.append(c); i += 1; continue }
            i += 1
            var key: String?
            if chars[i] == "(" {
                guard let close = chars[i...].firstIndex(of: ")") else { return nil }
                key = String(chars[(i + 1)..<close])
                i = close + 1
            }
            var flags = ""
            while "-+ #0".contains(chars[i]) && chars[i] != "\0" { flags.append(chars[i]); i += 1 }
            var width = ""
            while chars[i].isASCII && chars[i].isNumber { width.append(chars[i]); i += 1 }
            var precision: Int?
            if chars[i] == "." {
                i += 1
                var digits = ""
                while chars[i].isASCII && chars[i].isNumber { digits.append(chars[i]); i += 1 }
                precision = Int(digits) ?? 0
            }
            guard (Int(width) ?? 0) <= maxWidth, (precision ?? 0) <= maxPrecision else { return nil }
            while "hlL".contains(chars[i]) && chars[i] != "\0" { i += 1 }
            let conversion = chars[i]
            i += 1
            if conversion == "%" { out += "%"; continue }
            let value: PythonValue
            if let key {
                guard let found = mapping.last(where: { $0.key == .string(key) })?.value else { return nil }
                value = found
            } else {
                guard next < positional.count else { return nil }
                value = positional[next]
                next += 1
            }
            guard let text = convert(value.resolved ?? .none, conversion: conversion, precision: precision) else { return nil }
            out += pad(text, width: Int(width) ?? 0, leftAlign: flags.contains("-"),
                       zero: flags.contains("0") && "dif".contains(conversion))
        }
        // Python raises "not all arguments converted" when a tuple has more items than fields.
        if mapping.isEmpty && next != positional.count { return nil }
        return out
    }

    private static func convert(_ value: PythonValue, conversion: Character, precision: Int?) -> String? {
        switch conversion {
        case "s": return str(value)
        case "r", "a": return repr(value)
        case "d", "i", "u":
            switch value {
            case .int(let i): return String(i)
            case .bool(let b): return b ? "1" : "0"
            case .float(let d) where d.isFinite && abs(d) < 9e18: return String(Int(d))
            default: return nil
            }
        case "f", "F":
            switch value {
            case .int(let i): return String(format: "%.\(precision ?? 6)f", Double(i))
            case .float(let d): return String(format: "%.\(precision ?? 6)f", d)
            default: return nil
            }
        default: return nil
        }
    }

    private static func pad(_ text: String, width: Int, leftAlign: Bool, zero: Bool) -> String {
        let missing = width - text.count
        guard missing > 0 else { return text }
        if leftAlign { return text + String(repeating: " ", count: missing) }
        if zero {
            if text.hasPrefix("-") { return "-" + String(repeating: "0", count: missing) + text.dropFirst() }
            return String(repeating: "0", count: missing) + text
        }
        return String(repeating: " ", count: missing) + text
    }

    // MARK: - str.format and format specs

    static func format(_ template: String, positional: [PythonValue], keywords: [String: PythonValue]) -> String? {
        var out = ""
        let chars = Array(template)
        var i = 0
        var automatic = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" { out += "{"; i += 2; continue }
                guard let close = chars[i...].firstIndex(of: "}") else { return nil }
                var field = String(chars[(i + 1)..<close])
                i = close + 1
                var spec = ""
                if let colon = field.firstIndex(of: ":") {
                    spec = String(field[field.index(after: colon)...])
                    field = String(field[..<colon])
                }
                var conversion: Character?
                if let bang = field.firstIndex(of: "!") {
                    conversion = field[field.index(after: bang)...].first
                    field = String(field[..<bang])
                }
                let value: PythonValue
                if field.isEmpty {
                    guard automatic < positional.count else { return nil }
                    value = positional[automatic]
                    automatic += 1
                } else if let index = Int(field) {
                    guard index >= 0 && index < positional.count else { return nil }
                    value = positional[index]
                } else if let named = keywords[field] {
                    value = named
                } else {
                    return nil
                }
                guard let text = formatField(value, conversion: conversion, spec: spec) else { return nil }
                out += text
            } else if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" { out += "}"; i += 2; continue }
                return nil
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    /// One replacement field: `!r`/`!s` conversion, then a (small) format spec.
    static func formatField(_ value: PythonValue, conversion: Character?, spec: String) -> String? {
        guard let value = value.resolved else { return nil }
        if let conversion {
            guard let text = conversion == "r" || conversion == "a" ? repr(value) : str(value) else { return nil }
            return applySpec(.string(text), spec)
        }
        return applySpec(value, spec)
    }

    /// `[[fill]align][sign][0][width][.precision][type]` for str, int and float.
    private static func applySpec(_ value: PythonValue, _ spec: String) -> String? {
        if spec.isEmpty { return str(value) }
        var chars = Array(spec)
        var fill: Character = " "
        var align: Character?
        if chars.count >= 2 && "<>^=".contains(chars[1]) {
            fill = chars[0]
            align = chars[1]
            chars.removeFirst(2)
        } else if let first = chars.first, "<>^=".contains(first) {
            align = first
            chars.removeFirst()
        }
        if let first = chars.first, "+- ".contains(first) { chars.removeFirst() }
        if chars.first == "0" {
            fill = "0"
            if align == nil { align = "=" }
            chars.removeFirst()
        }
        var width = ""
        while let c = chars.first, c.isASCII && c.isNumber { width.append(c); chars.removeFirst() }
        var precision: Int?
        if chars.first == "." {
            chars.removeFirst()
            var digits = ""
            while let c = chars.first, c.isASCII && c.isNumber { digits.append(c); chars.removeFirst() }
            precision = Int(digits)
        }
        guard chars.count <= 1, (Int(width) ?? 0) <= maxWidth, (precision ?? 0) <= maxPrecision else { return nil }
        let type = chars.first
        var text: String
        switch (type, value) {
        case (nil, _), ("s", .string):
            guard let s = str(value) else { return nil }
            text = precision.map { String(s.prefix($0)) } ?? s
        case ("d", .int(let i)): text = String(i)
        case ("f", .int(let i)), ("F", .int(let i)): text = String(format: "%.\(precision ?? 6)f", Double(i))
        case ("f", .float(let d)), ("F", .float(let d)): text = String(format: "%.\(precision ?? 6)f", d)
        default: return nil
        }
        let missing = (Int(width) ?? 0) - text.count
        guard missing > 0 else { return text }
        let isNumber: Bool
        switch value {
        case .int, .float: isNumber = true
        default: isNumber = false
        }
        let padding = String(repeating: fill, count: missing)
        switch align ?? (isNumber ? ">" : "<") {
        case "<": text += padding
        case "^":
            let left = missing / 2
            text = String(repeating: fill, count: left) + text + String(repeating: fill, count: missing - left)
        case "=":
            if text.hasPrefix("-") { text = "-" + padding + text.dropFirst() } else { text = padding + text }
        default: text = padding + text
        }
        return text
    }
}
