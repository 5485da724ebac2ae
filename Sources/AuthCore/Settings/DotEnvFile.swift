import Foundation

/// A `.env` file as python-dotenv, django-environ and docker compose read it: `KEY=VALUE` lines,
/// optional `export `, single quotes (literal) and double quotes (with `\n`, `\t`, `\"`, `\\`
/// escapes, may span lines), `#` comments, blank lines. Lines that do not fit are skipped and
/// reported by line number only: values never appear in diagnostics.
public struct DotEnvFile: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var path: String
    public private(set) var values: [String: String] = [:]
    /// Keys in the order they first appear.
    public private(set) var keys: [String] = []
    public private(set) var diagnostics: [SettingsDiagnostic] = []

    public init(path: String) {
        self.path = path
    }

    /// Names only: values may be secrets.
    public var description: String { "\(path): \(keys.count) variables (\(keys.joined(separator: ", ")))" }
    public var debugDescription: String { description }

    /// Reads and parses a file; fails when it is missing, too large or not text.
    public static func read(_ url: URL, displayPath: String, maxBytes: Int = SettingsReaderLimits.standard.maxDotEnvBytes)
        -> Result<DotEnvFile, SettingsError>
    {
        SourceFile.load(url, displayPath: displayPath, maxBytes: maxBytes).map {
            parse(String(decoding: $0, as: UTF8.self), path: displayPath)
        }
    }

    public static func parse(_ text: String, path: String) -> DotEnvFile {
        var file = DotEnvFile(path: path)
        var scanner = Scanner(Array(text.unicodeScalars))
        while !scanner.atEnd {
            scanner.skipBlanks()
            if scanner.atLineEnd {
                scanner.consumeLineEnd()
                continue
            }
            if scanner.peek == "#" {
                scanner.skipToLineEnd()
                continue
            }
            let line = scanner.line
            if let (key, value) = scanner.entry() {
                file.set(key, value)
            } else {
                file.diagnostics.append(SettingsDiagnostic(.warning, .dotEnvLineIgnored(SourceLocation(file: path, line: line))))
                scanner.skipToLineEnd()
            }
        }
        return file
    }

    private mutating func set(_ key: String, _ value: String) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
        var atLineEnd: Bool { peek == nil || peek == "\n" || peek == "\r" }

        mutating func skipBlanks() {
            while let c = peek, c == " " || c == "\t" || c == "\u{FEFF}" { index += 1 }
        }

        mutating func consumeLineEnd() {
            guard let c = peek else { return }
            index += 1
            if c == "\r" && peek == "\n" { index += 1 }
            line += 1
        }

        mutating func skipToLineEnd() {
            while !atLineEnd { index += 1 }
            consumeLineEnd()
        }

        /// `[export ]KEY = VALUE`; nil (position unspecified) when the line does not have that shape.
        mutating func entry() -> (String, String)? {
            var key = word()
            if key == "export", let c = peek, c == " " || c == "\t" {
                skipBlanks()
                key = word()
            }
            guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return nil }
            skipBlanks()
            guard peek == "=" else { return nil }
            index += 1
            skipBlanks()
            let value: String
            switch peek {
            case "\"":
                guard let quoted = quoted(escapes: true) else { return nil }
                value = quoted
            case "'":
                guard let quoted = quoted(escapes: false) else { return nil }
                value = quoted
            default:
                value = unquoted()
            }
            skipToLineEnd()
            return (key, value)
        }

        private mutating func word() -> String {
            var out = String.UnicodeScalarView()
            while let c = peek, c == "_" || c == "." || c == "-" || c.properties.isAlphabetic || ("0"..."9").contains(c) {
                out.append(c)
                index += 1
            }
            return String(out)
        }

        private mutating func quoted(escapes: Bool) -> String? {
            guard let quote = peek else { return nil }
            index += 1
            var out = String.UnicodeScalarView()
            while let c = peek {
                index += 1
                if c == quote { return String(out) }
                if c == "\n" { line += 1 }
                if c == "\\" && escapes, let next = peek {
                    index += 1
                    switch next {
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "\\", "\"", "'", "$": out.append(next)
                    default:
                        out.append("\\")
                        out.append(next)
                    }
                    continue
                }
                out.append(c)
            }
            return nil
        }

        private mutating func unquoted() -> String {
            var out = String.UnicodeScalarView()
            while !atLineEnd, let c = peek {
                if c == "#", let last = out.last, last == " " || last == "\t" { break }
                out.append(c)
                index += 1
            }
            return String(out).trimmingCharacters(in: .whitespaces)
        }
    }
}
