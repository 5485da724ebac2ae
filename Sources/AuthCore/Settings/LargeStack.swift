import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs parsing and evaluation on a thread with a large stack, so the nesting limits hold whatever
/// thread the caller is on (secondary threads often have only 512 KiB).
///
/// The thread is joined before `run` returns, so nothing of the work (its closure, the syntax
/// trees it built) outlives the call on a detached thread that is still winding down; a detached
/// Foundation `Thread` left that to chance, which LeakSanitizer reported as leaked parser nodes.
enum LargeStack {
    static let stackSize = 64 * 1024 * 1024

    static func run<T>(_ work: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let job = Job { box.value = work() }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let context = Unmanaged.passRetained(job).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Job>.fromOpaque(context).release()
            return work()
        }
        pthread_join(thread, nil)
        guard let value = box.value else { return work() }
        return value
    }
}

private final class Job {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
