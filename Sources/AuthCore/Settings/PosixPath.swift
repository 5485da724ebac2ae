/// The string rules of Python's `posixpath` and `pathlib.PurePosixPath`, without touching the disk.
enum PosixPath {
    /// `os.path.join`: an absolute component restarts the path.
    static func join(_ parts: [String]) -> String {
        var result = ""
        for part in parts {
            if part.hasPrefix("/") || result.isEmpty {
                result = part
            } else if result.hasSuffix("/") {
                result += part
            } else {
                result += "/" + part
            }
        }
        return result
    }

    /// `os.path.dirname`
    static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let head = String(path[...slash])
        if head.allSatisfy({ $0 == "/" }) { return head }
        var trimmed = head
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }

    /// `os.path.basename`
    static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `os.path.normpath`: collapses `.`, `..` and repeated slashes.
    static func normpath(_ path: String) -> String {
        if path.isEmpty { return "." }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `os.path.abspath` with `cwd` as the working folder.
    static func abspath(_ path: String, cwd: String) -> String {
        normpath(path.hasPrefix("/") ? path : join([cwd, path]))
    }

    /// `str(PurePosixPath(path))`: repeated slashes and `.` parts removed, `..` kept.
    static func pure(_ path: String) -> String {
        if path.isEmpty { return "." }
        let absolute = path.hasPrefix("/")
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `PurePath.parent`
    static func parent(_ path: String) -> String {
        let clean = pure(path)
        if clean == "/" || clean == "." { return clean }
        guard let slash = clean.lastIndex(of: "/") else { return "." }
        let head = String(clean[..<slash])
        return head.isEmpty ? "/" : head
    }

    /// `PurePath.name`
    static func name(_ path: String) -> String {
        let clean = pure(path)
        if clean == "/" || clean == "." { return "" }
        return basename(clean)
    }

    /// `PurePath.suffix`
    static func suffix(_ path: String) -> String {
        let base = name(path)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex, base.index(after: dot) != base.endIndex else { return "" }
        return String(base[dot...])
    }

    /// `PurePath.stem`
    static func stem(_ path: String) -> String {
        let base = name(path)
        let ext = suffix(path)
        return String(base.dropLast(ext.count))
    }

    /// `PurePath.parents` as a list, nearest first.
    static func parents(_ path: String) -> [String] {
        var result: [String] = []
        var current = pure(path)
        while true {
            let up = parent(current)
            if up == current { break }
            result.append(up)
            current = up
        }
        return result
    }
}
