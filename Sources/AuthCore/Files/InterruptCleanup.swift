#if canImport(Glibc)
import Glibc
#endif

/// Temporary files to remove when SIGINT, SIGTERM or SIGHUP ends a command before it renamed
/// them into place, so an interrupted `demo` or `snippet --out` leaves nothing behind. The
/// handler only calls unlink(2), signal(2) and raise(3) (async-signal-safe), then the signal's
/// default action ends the process as the operator asked (exit status 128 + signal in a shell).
///
/// The interactive console installs its own handlers for these signals (it restores the
/// terminal first); this is for the line-oriented commands.
public enum InterruptCleanup {
    static let slotCount = 8
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 8)
        p.initialize(repeating: nil, count: 8)
        return p
    }()

    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    public static func install() {
        prepare()
        for sig in signals {
            // A signal the parent ignores (nohup, a background job) stays ignored.
            var current = sigaction()
            if sigaction(sig, nil, &current) == 0, unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }  // SIG_IGN
            signal(sig) { s in
                InterruptCleanup.removeRegistered()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }

    /// Makes the slots before any handler can run (they must never be created inside one).
    public static func prepare() {
        _ = slots
    }

    /// Unlinks every registered file. Async-signal-safe (only unlink(2)): the console's crash
    /// handler calls it too, so an export that a crash ends leaves no partial file.
    public static func removeRegistered() {
        for i in 0..<slotCount {
            if let p = slots[i] { unlink(p) }
        }
    }

    /// Remembers `path` for removal on a signal; pass the result to `unregister` once the file
    /// was renamed into place or removed. Nil when all slots are taken (then nothing is cleaned).
    public static func register(_ path: String) -> Int? {
        withSignalsBlocked {
            for i in 0..<slotCount where slots[i] == nil {
                slots[i] = strdup(path)
                return i
            }
            return nil
        }
    }

    public static func unregister(_ slot: Int?) {
        guard let slot, slot >= 0, slot < slotCount else { return }
        withSignalsBlocked {
            free(slots[slot])
            slots[slot] = nil
        }
    }

    private static func withSignalsBlocked<T>(_ body: () -> T) -> T {
        var block = sigset_t(), old = sigset_t()
        sigemptyset(&block)
        for sig in signals { sigaddset(&block, sig) }
        pthread_sigmask(SIG_BLOCK, &block, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        return body()
    }
}
