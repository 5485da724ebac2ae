import Foundation

/// Runs parsing and evaluation on a thread with a large stack, so the nesting limits hold whatever
/// thread the caller is on (secondary threads often have only 512 KiB).
enum LargeStack {
    static let stackSize = 64 * 1024 * 1024

    static func run<T>(_ work: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        guard let value = box.value else { return work() }
        return value
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
