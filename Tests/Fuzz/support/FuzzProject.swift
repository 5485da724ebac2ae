// A temporary Django project per fuzz process for the targets that read files (settings, urls):
// each input is split at NUL bytes and its parts written as the project's files.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct FuzzProject {
    let root: String

    /// `/tmp/authconsole-fuzz-<name>-<pid>` with an empty package `proj/`.
    init(_ name: String) {
        root = "/tmp/authconsole-fuzz-\(name)-\(getpid())"
        mkdir(root, 0o700)
        mkdir(root + "/proj", 0o700)
        write("proj/__init__.py", [])
    }

    /// The input's first `count` NUL-separated parts (the last one keeps any further NULs).
    static func parts(_ data: UnsafePointer<UInt8>, _ size: Int, count: Int) -> [ArraySlice<UInt8>] {
        Array(UnsafeBufferPointer(start: data, count: size))
            .split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false)
    }

    /// Writes `bytes` to `relative` under the project, or removes the file when nil.
    func write(_ relative: String, _ bytes: ArraySlice<UInt8>?) {
        let path = root + "/" + relative
        guard let bytes else {
            unlink(path)
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        bytes.withUnsafeBytes { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    var url: URL { URL(fileURLWithPath: root) }
}
