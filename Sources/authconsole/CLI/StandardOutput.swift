#if canImport(Glibc)
import Glibc
#endif

/// Writes to stdout/stderr. A closed pipe (`authconsole accounts | head -1`) ends the program
/// quietly with status 0 instead of a crash: SIGPIPE is ignored at start and EPIPE handled here.
enum StandardOutput {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        let ok = bytes.withUnsafeMutableBytes { buf -> Bool in
            guard let base = buf.baseAddress else { return true }
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(1, base + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        if !ok {
            if errno == EPIPE { exit(0) }
            error("cannot write the output: \(String(cString: strerror(errno)))")
            exit(1)
        }
    }

    static func error(_ line: String) {
        let text = "authconsole: " + line + "\n"
        _ = text.withCString { Glibc.write(2, $0, strlen($0)) }
    }
}
