import AuthCore
import Foundation

/// One database connection with its own serial queue. A job that a newer one on the same
/// channel has superseded is skipped if it has not started, and interrupted
/// (`AuthStore.interrupt`) if it is running. A connection whose file was deleted or replaced
/// since it opened is dropped and the path opened again before the next job. The lock makes sure the interrupt can only hit the
/// stale job: the worker marks a job running and finished under the same lock.
final class QueryLane: @unchecked Sendable {
    enum Channel: Hashable { case stats, accounts, count, user, order }

    private let queue: DispatchQueue?
    private let lock = NSLock()
    private var store: AuthStore?
    private let open: @Sendable () throws -> AuthStore
    private var latest: [Channel: Int] = [:]
    private var running: (channel: Channel, generation: Int)?

    /// `synchronous` runs jobs on the caller's thread (tests).
    init(name: String, store: AuthStore? = nil, synchronous: Bool, open: @escaping @Sendable () throws -> AuthStore) {
        queue = synchronous ? nil : DispatchQueue(label: "authconsole.\(name)", qos: .userInitiated)
        self.store = store
        self.open = open
    }

    func submit(_ channel: Channel, generation: Int, _ work: @escaping @Sendable (Result<AuthStore, Error>) -> Void) {
        lock.lock()
        latest[channel] = generation
        if let r = running, r.channel == channel, r.generation != generation { store?.interrupt() }
        lock.unlock()
        let job: @Sendable () -> Void = { [self] in
            lock.lock()
            guard latest[channel] == generation else {
                lock.unlock()
                return
            }
            running = (channel, generation)
            lock.unlock()
            defer {
                lock.lock()
                running = nil
                lock.unlock()
            }
            work(connection())
        }
        if let queue { queue.async(execute: job) } else { job() }
    }

    private func connection() -> Result<AuthStore, Error> {
        lock.lock()
        let existing = store
        lock.unlock()
        if let existing {
            if !existing.sourceChanged { return .success(existing) }
            // The file was deleted or replaced under the console: read what the path names now
            // (or say it is gone) rather than the old file's figures forever.
            lock.lock()
            if store === existing { store = nil }
            lock.unlock()
        }
        do {
            let opened = try open()
            lock.lock()
            store = opened
            lock.unlock()
            return .success(opened)
        } catch {
            return .failure(error)
        }
    }

    /// Interrupts whatever runs (at exit).
    func interruptAll() {
        lock.lock()
        latest.removeAll()
        if running != nil { store?.interrupt() }
        lock.unlock()
    }
}

/// The monotonic clock.
public enum Stopwatch {
    public static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    public static func milliseconds(since start: UInt64) -> Int { Int((nanoseconds() &- start) / 1_000_000) }
}

/// A thread-safe increasing number.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// The last value seen, thread-safe.
final class LastValue: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64?

    /// Records `new`; true when it differs from a value recorded before.
    func changed(to new: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let old = value
        value = new
        return old.map { $0 != new } ?? false
    }
}
