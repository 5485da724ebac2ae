#if canImport(Glibc)
import Glibc
#endif

/// Turns signals into bytes on a pipe the UI loop polls (a handler may only do async-signal-safe
/// things; writing one byte is one). Installed before ncurses starts, so ncurses keeps our
/// SIGWINCH, SIGINT and SIGTERM handlers instead of its own.
enum SignalPipe {
    nonisolated(unsafe) static var writeFD: Int32 = -1
    nonisolated(unsafe) static var readFD: Int32 = -1

    static let handled: [Int32] = [SIGWINCH, SIGHUP, SIGTERM, SIGINT, SIGQUIT]

    static func install() {
        guard readFD < 0 else { return }
        guard let fds = makeNonBlockingPipe() else { return }
        readFD = fds.read
        writeFD = fds.write
        for sig in handled {
            signal(sig) { s in
                var byte = UInt8(truncatingIfNeeded: s)
                _ = write(SignalPipe.writeFD, &byte, 1)
            }
        }
        // A closed terminal must end the program quietly, not kill it mid-restore.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGTTOU, SIG_IGN)
    }

    /// The signals that arrived since the last call.
    static func drain() -> [Int32] {
        guard readFD >= 0 else { return [] }
        var out: [Int32] = []
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buf, buf.count)
            guard n > 0 else { break }
            out += buf[0..<n].map { Int32($0) }
        }
        return out
    }
}

/// A pipe whose ends are non-blocking and closed on exec.
func makeNonBlockingPipe() -> (read: Int32, write: Int32)? {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return nil }
    for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    return (fds[0], fds[1])
}
