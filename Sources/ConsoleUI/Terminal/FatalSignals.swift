import AuthCore
#if canImport(Glibc)
import Glibc
#endif

/// On a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP) removes an export's
/// temporary file, puts the terminal back (saved termios, leave the alternate screen, show the
/// cursor, reset attributes) and prints one line instead of a stack trace. Everything the handler touches is prepared in advance.
enum FatalSignals {
    nonisolated(unsafe) static var savedTermios: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) static var restoreBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var restoreCount = 0

    static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    static func install(termios saved: termios?, restoreSequence: [UInt8]) {
        if let saved {
            let p = UnsafeMutablePointer<termios>.allocate(capacity: 1)
            p.initialize(to: saved)
            savedTermios = p
        }
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, restoreSequence.count))
        bytes.initialize(from: restoreSequence, count: restoreSequence.count)
        restoreBytes = bytes
        restoreCount = restoreSequence.count
        InterruptCleanup.prepare()
        for sig in fatal {
            signal(sig) { _ in
                InterruptCleanup.removeRegistered()  // an export's temporary file
                if let t = FatalSignals.savedTermios { tcsetattr(0, TCSANOW, t) }
                if let b = FatalSignals.restoreBytes { _ = write(1, b, FatalSignals.restoreCount) }
                let message: StaticString = "\nauthconsole: internal error; the terminal was restored. Please report it.\n"
                _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
                _exit(70)
            }
        }
    }

    /// After a normal restore the handlers stay (a crash while exiting is still covered), but
    /// there is nothing more to put back.
    static func disarm() {
        restoreCount = 0
    }
}
