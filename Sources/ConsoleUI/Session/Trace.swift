import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Timing lines for measurements, written when AUTHCONSOLE_TRACE names a file: process start to
/// first frame and to first full paint (nothing loading), and each key to its frame and to the
/// next `ready`.
final class Trace {
    private let fd: Int32
    private let origin: UInt64
    private var pendingKey: (name: String, at: UInt64)?
    private var keyAwaitingReady: (name: String, at: UInt64)?
    private var sawFirstFrame = false
    private var sawFirstReady = false
    private var sawFirstComplete = false

    init?(path: String?, origin: UInt64) {
        guard let path, !path.isEmpty else { return nil }
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        self.origin = origin
    }

    deinit { close(fd) }

    private func line(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    private func ms(_ from: UInt64, _ to: UInt64) -> String { String(format: "%.1f", Double(to &- from) / 1e6) }

    func key(_ key: Key) {
        let now = Stopwatch.nanoseconds()
        if pendingKey == nil { pendingKey = (key.description, now) }
        keyAwaitingReady = (key.description, now)
    }

    /// - Parameters:
    ///   - busy: anything still running (the status bar says working…).
    ///   - complete: the screen on show has all its data.
    func frame(busy: Bool, complete: Bool) {
        let now = Stopwatch.nanoseconds()
        if !sawFirstFrame {
            sawFirstFrame = true
            line("first-frame \(ms(origin, now)) ms after start")
        }
        if complete, !sawFirstComplete {
            sawFirstComplete = true
            line("first-full-paint \(ms(origin, now)) ms after start (the first screen has all its data)")
        }
        if !busy, !sawFirstReady {
            sawFirstReady = true
            line("first-ready \(ms(origin, now)) ms after start (nothing left loading, table preloaded)")
        }
        if let k = pendingKey {
            line("key \(k.name) -> frame \(ms(k.at, now)) ms")
            pendingKey = nil
        }
        if !busy, let k = keyAwaitingReady {
            line("key \(k.name) -> ready \(ms(k.at, now)) ms")
            keyAwaitingReady = nil
        }
    }
}
