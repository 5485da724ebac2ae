import Foundation

/// Reads a text file from disk with a size cap and checks that it is text: strips a UTF-8 BOM,
/// refuses NUL bytes, and accepts invalid UTF-8 only when a Latin-1 coding cookie says so.
enum SourceFile {
    static func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `url` relative to `root` when it lies inside it, else its absolute path: how files are named
    /// in locations and messages.
    static func displayPath(of url: URL, relativeTo root: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The file's bytes (valid UTF-8, BOM removed), or the reason it cannot be used.
    static func load(_ url: URL, displayPath: String, maxBytes: Int) -> Result<[UInt8], SettingsError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .failure(.unreadableFile(path: displayPath, reason: "no such file"))
        }
        if isDirectory.boolValue {
            return .failure(.unreadableFile(path: displayPath, reason: "it is a folder"))
        }
        // A FIFO or device would block or never end: only regular files are read.
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path)[.type]) as? FileAttributeType
        if type != .typeRegular {
            return .failure(.unreadableFile(path: displayPath, reason: "not a regular file"))
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            return .failure(.unreadableFile(path: displayPath, reason: "permission denied or not a regular file"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            return .failure(.unreadableFile(path: displayPath, reason: "read failed"))
        }
        if data.count > maxBytes {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            return .failure(.fileTooLarge(path: displayPath, bytes: size ?? data.count, limit: maxBytes))
        }
        return decode(Array(data), displayPath: displayPath)
    }

    /// Validates `bytes` as source text; see `load`.
    static func decode(_ input: [UInt8], displayPath: String) -> Result<[UInt8], SettingsError> {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(0) {
            return .failure(.notText(path: displayPath, reason: "it contains NUL bytes"))
        }
        if String(validating: bytes, as: UTF8.self) != nil { return .success(bytes) }
        if declaresLatin1(bytes) {
            return .success(Array(String(bytes.map { Character(Unicode.Scalar($0)) }).utf8))
        }
        return .failure(.notText(path: displayPath, reason: "it is not valid UTF-8"))
    }

    /// PEP 263: a `coding[:=]` comment on one of the first two lines.
    private static func declaresLatin1(_ bytes: [UInt8]) -> Bool {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for b in bytes.prefix(400) {
            if b == 0x0A { lines.append(current); current = []; if lines.count == 2 { break } } else { current.append(b) }
        }
        if lines.count < 2 { lines.append(current) }
        for line in lines.prefix(2) {
            let text = String(decoding: line.filter { $0 < 0x80 }, as: UTF8.self).lowercased()
            guard text.trimmingCharacters(in: .whitespaces).hasPrefix("#"),
                  let range = text.range(of: "coding") else { continue }
            let rest = text[range.upperBound...].drop { $0 == ":" || $0 == "=" || $0 == " " }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if ["latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso-8859-15", "cp1252", "windows-1252"].contains(String(name)) {
                return true
            }
        }
        return false
    }
}
