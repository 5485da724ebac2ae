import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a snippet to a file readable only by its owner (0600): the text goes to a temporary
/// file beside the target, which is then linked into place (refusing to replace an existing file)
/// or, with `force`, renamed over it. A reader never sees a half-written file.
public enum SnippetFile {
    public static func write(_ text: String, to path: String, force: Bool) throws {
        var st = stat()
        if lstat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw SnippetFileError.isFolder(path) }
            if !force { throw SnippetFileError.exists(path) }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/.\(url.lastPathComponent).authconsole-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let cleanup = InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(cleanup) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SnippetFileError.cannotWrite(path, String(cString: strerror(errno))) }
        var ok = fchmod(fd, 0o600) == 0
        let bytes = Array(text.utf8)
        var offset = 0
        while ok && offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { buffer in Glibc.write(fd, buffer.baseAddress, buffer.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { offset += n }
        }
        let reason = ok ? "" : String(cString: strerror(errno))
        if ok { ok = fsync(fd) == 0 }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw SnippetFileError.cannotWrite(path, reason.isEmpty ? "write failed" : reason)
        }
        if force {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw SnippetFileError.cannotWrite(path, reason)
            }
        } else {
            // link() fails when the target exists, so a file created meanwhile is not replaced.
            let linked = link(temporary, path)
            let failure = errno
            unlink(temporary)
            guard linked == 0 else {
                if failure == EEXIST { throw SnippetFileError.exists(path) }
                throw SnippetFileError.cannotWrite(path, String(cString: strerror(failure)))
            }
        }
    }
}

public enum SnippetFileError: UserFacingError, Equatable {
    case exists(String)
    case isFolder(String)
    case cannotWrite(String, String)

    public var message: String {
        switch self {
        case .exists(let p): return "\(UntrustedText.sanitized(p)) already exists: pass --force to replace it, or choose another --out file"
        case .isFolder(let p): return "\(UntrustedText.sanitized(p)) is a folder: give a file name with --out"
        case .cannotWrite(let p, let why): return "cannot write \(UntrustedText.sanitized(p)): \(why); check the folder exists and is writable"
        }
    }
}
