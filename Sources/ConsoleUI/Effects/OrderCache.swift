import AuthCore
import Foundation

/// The one `AccountOrder` the console keeps (for the view being paged), and which view's order
/// is being built, shared between the accounts lane (reads it) and the order lane (fills it).
final class OrderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var order: AccountOrder?
    private var building: (filter: AccountFilter, sort: AccountSort)?

    func order(filter: AccountFilter, sort: AccountSort) -> AccountOrder? {
        lock.lock()
        defer { lock.unlock() }
        return order.flatMap { $0.isFor(filter: filter, sort: sort) ? $0 : nil }
    }

    /// Claims the build of this view's order; false when it is built or being built already.
    func claimBuild(filter: AccountFilter, sort: AccountSort) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let b = building, b.filter == filter, b.sort == sort { return false }
        if let o = order, o.isFor(filter: filter, sort: sort) { return false }
        building = (filter, sort)
        return true
    }

    /// Keeps a finished order (dropping the previous one) unless a newer build was claimed since.
    func finish(_ result: AccountOrder?, filter: AccountFilter, sort: AccountSort) {
        lock.lock()
        defer { lock.unlock() }
        guard let b = building, b.filter == filter, b.sort == sort else { return }
        building = nil
        if let result { order = result }
    }

    func discard(_ stale: AccountOrder) {
        lock.lock()
        defer { lock.unlock() }
        if let o = order, o.baseVersion == stale.baseVersion, o.isFor(filter: stale.filter, sort: stale.sort) { order = nil }
    }
}
