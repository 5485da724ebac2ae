import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where effect results wait for the UI thread. Posting is safe from any thread and wakes the
/// UI loop through a pipe it polls.
public final class EventInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    /// Read end of the wake pipe (-1 when there is none, as in tests).
    public let wakeFD: Int32
    private let writeFD: Int32

    public init(usePipe: Bool = true) {
        if usePipe, let fds = makeNonBlockingPipe() {
            wakeFD = fds.read
            writeFD = fds.write
        } else {
            wakeFD = -1
            writeFD = -1
        }
    }

    deinit {
        if wakeFD >= 0 { close(wakeFD) }
        if writeFD >= 0 { close(writeFD) }
    }

    public func post(_ event: Event) {
        lock.lock()
        events.append(event)
        lock.unlock()
        if writeFD >= 0 {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Everything posted so far, oldest first.
    public func drain() -> [Event] {
        if wakeFD >= 0 {
            var buf = [UInt8](repeating: 0, count: 256)
            while read(wakeFD, &buf, buf.count) > 0 {}
        }
        lock.lock()
        defer { lock.unlock() }
        let out = events
        events.removeAll()
        return out
    }
}
