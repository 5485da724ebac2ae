import AuthCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Streams the filtered accounts view to a file (one statement, `AccountPager.forEachRow`): written to a
/// temporary name beside the target (mode 0600), renamed into place at the end, never over an
/// existing file unless the request says so. Progress is posted about ten times a second;
/// cancelling interrupts the query and removes the temporary file. At exit (`q`, SIGTERM,
/// SIGHUP, SIGINT) `cancelAll` waits for the running exports to remove theirs, so the process
/// never ends with a `.partial` file behind it.
final class ExportRunner: @unchecked Sendable {
    private let openStore: @Sendable () throws -> AuthStore
    private let synchronous: Bool
    private let post: @Sendable (Event) -> Void
    private let lock = NSLock()
    private var cancelled: Set<Int> = []
    private var stores: [Int: AuthStore] = [:]
    /// Exports started and not yet ended, and the temporary files they have created.
    private var active: Set<Int> = []
    private var temporaries: [Int: String] = [:]
    private let inFlight = DispatchGroup()

    init(openStore: @escaping @Sendable () throws -> AuthStore, synchronous: Bool, post: @escaping @Sendable (Event) -> Void) {
        self.openStore = openStore
        self.synchronous = synchronous
        self.post = post
    }

    func start(_ request: ExportRequest) {
        lock.lock()
        active.insert(request.id)
        lock.unlock()
        inFlight.enter()
        let work: @Sendable () -> Void = { [self] in
            let outcome = run(request)
            lock.lock()
            active.remove(request.id)
            lock.unlock()
            post(.exportEnded(id: request.id, outcome))
            inFlight.leave()
        }
        if synchronous { work() } else { DispatchQueue(label: "authconsole.export.\(request.id)", qos: .utility).async(execute: work) }
    }

    func cancel(_ id: Int) {
        lock.lock()
        cancelled.insert(id)
        stores[id]?.interrupt()
        lock.unlock()
    }

    /// Cancels every export (also one that has not opened its connection yet), waits up to
    /// `seconds` for them to end, then removes any temporary file still there (an export stuck
    /// in a slow write), so nothing partial outlives the process.
    func cancelAll(waitingUpTo seconds: Double = 3) {
        lock.lock()
        cancelled.formUnion(active)
        for store in stores.values { store.interrupt() }
        lock.unlock()
        _ = inFlight.wait(timeout: .now() + seconds)
        lock.lock()
        let left = Array(temporaries.values)
        temporaries.removeAll()
        lock.unlock()
        for path in left { unlink(path) }
    }

    private func isCancelled(_ id: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled.contains(id)
    }

    private func run(_ r: ExportRequest) -> ExportOutcome {
        if !r.overwrite, FileManager.default.fileExists(atPath: r.path) { return .exists(path: r.path) }
        let temp = Self.temporaryPath(for: r.path, id: r.id)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return .failed("cannot create \(temp): \(String(cString: strerror(errno)))") }
        // Removed by the crash handler too (FatalSignals), should the process die mid-export.
        let cleanupSlot = InterruptCleanup.register(temp)
        defer { InterruptCleanup.unregister(cleanupSlot) }
        lock.lock()
        temporaries[r.id] = temp
        lock.unlock()
        var rows = 0
        var outcome: ExportOutcome
        do {
            let store = try openStore()
            lock.lock()
            stores[r.id] = store
            let cancelledEarly = cancelled.contains(r.id)
            lock.unlock()
            defer {
                lock.lock()
                stores[r.id] = nil
                lock.unlock()
            }
            if cancelledEarly { throw DatabaseError.interrupted }
            let writer = FileSink(fd: fd)
            writer.write(r.format == .csv ? CSVWriter.line(AccountRow.csvHeader) : "[\n")
            var lastPost = Stopwatch.nanoseconds()
            let pager = try store.accounts(filter: r.filter, sort: r.sort)
            let counted: () -> Bool = { [self] in
                rows += 1
                if rows % 1000 == 0 {
                    let now = Stopwatch.nanoseconds()
                    if now &- lastPost > 100_000_000 {
                        lastPost = now
                        post(.exportProgress(id: r.id, rows: rows))
                    }
                    if isCancelled(r.id) { return false }
                }
                return writer.error == nil
            }
            switch r.format {
            case .csv:
                try pager.forEachCSVLine { line in
                    writer.write(bytes: line)
                    return counted()
                }
            case .json:
                try pager.forEachRow { row in
                    writer.write((rows == 0 ? "" : ",\n") + row.json.serialized(pretty: false))
                    return counted()
                }
            }
            if r.format == .json { writer.write(rows == 0 ? "]\n" : "\n]\n") }
            try writer.finish()
            if isCancelled(r.id) { throw DatabaseError.interrupted }
            outcome = Self.moveIntoPlace(temp, r.path, overwrite: r.overwrite, rows: rows)
        } catch let e as DatabaseError where e == .interrupted {
            outcome = .cancelled(rows: rows)
        } catch {
            outcome = .failed(EffectFailure(error).message)
        }
        close(fd)
        lock.lock()
        if case .finished = outcome {} else { unlink(temp) }
        temporaries[r.id] = nil
        cancelled.remove(r.id)
        lock.unlock()
        return outcome
    }

    /// `dir/.name.authconsole-<pid>-<id>.partial`: beside the target, so the rename stays on one
    /// file system.
    static func temporaryPath(for path: String, id: Int) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        return dir + "/." + url.lastPathComponent + ".authconsole-\(getpid())-\(id).partial"
    }

    /// Renames without replacing: `link` fails if the target appeared meanwhile.
    static func moveIntoPlace(_ temp: String, _ path: String, overwrite: Bool, rows: Int) -> ExportOutcome {
        if overwrite {
            guard rename(temp, path) == 0 else { return .failed("cannot rename into \(path): \(String(cString: strerror(errno)))") }
            return .finished(rows: rows, path: path)
        }
        if link(temp, path) == 0 {
            unlink(temp)
            return .finished(rows: rows, path: path)
        }
        if errno == EEXIST { return .exists(path: path) }
        // File systems without hard links: check, then rename.
        if FileManager.default.fileExists(atPath: path) { return .exists(path: path) }
        guard rename(temp, path) == 0 else { return .failed("cannot rename into \(path): \(String(cString: strerror(errno)))") }
        return .finished(rows: rows, path: path)
    }
}

/// Buffered writes to a file descriptor, remembering the first error.
final class FileSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var error: String?

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard error == nil else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, buffer.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                error = String(cString: strerror(errno))
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        flush()
        if error == nil, fsync(fd) != 0 { error = String(cString: strerror(errno)) }
        if let error { throw EffectFailure(message: "cannot write the export: \(error)") }
    }
}

