import AuthCore
import Foundation

/// Runs the database and file effects off the UI thread and posts their results as events.
///
/// Stats, the accounts table (and users), and counts each have their own connection and serial
/// queue, so a slow count never holds up paging and a new search cancels only the stale query.
/// Exports open a connection of their own per export.
public final class EffectRunner: @unchecked Sendable {
    public typealias StoreOpener = @Sendable () throws -> AuthStore

    private let post: @Sendable (Event) -> Void
    private let openStore: StoreOpener
    private let now: @Sendable () -> UTCDateTime
    private let loadProviders: (@Sendable () throws -> ProviderConfiguration)?
    private let synchronous: Bool
    private let statsLane: QueryLane
    private let accountsLane: QueryLane
    private let countLane: QueryLane
    /// Builds `AccountOrder`s in the background (its own connection).
    private let orderLane: QueryLane
    private let orders = OrderCache()
    private let orderGeneration = Counter()
    /// The accounts connection's change counter at the previous page, to tell the reducer when
    /// the count it shows went stale.
    private let pageCounter = LastValue()
    /// A page slower than this (no index for the sort) has the view's order built, so later
    /// pages are slices of it.
    private let orderThresholdMilliseconds: Int
    private let exports: ExportRunner
    private let fileQueue: DispatchQueue
    /// Where snippets are written (the current folder).
    private let folder: String

    /// - Parameters:
    ///   - store: an open store for the accounts lane; the other lanes open their own with
    ///     `openStore`.
    ///   - now: "now" for the dashboard (fixed with `--now`, else the clock).
    ///   - synchronous: run every effect on the caller's thread (tests).
    public init(store: AuthStore?, openStore: @escaping StoreOpener, now: @escaping @Sendable () -> UTCDateTime,
                loadProviders: (@Sendable () throws -> ProviderConfiguration)? = nil, folder: String = ".",
                synchronous: Bool = false, orderThresholdMilliseconds: Int = 20,
                post: @escaping @Sendable (Event) -> Void) {
        self.orderThresholdMilliseconds = orderThresholdMilliseconds
        self.post = post
        self.openStore = openStore
        self.now = now
        self.loadProviders = loadProviders
        self.synchronous = synchronous
        self.folder = folder
        statsLane = QueryLane(name: "stats", synchronous: synchronous, open: openStore)
        accountsLane = QueryLane(name: "accounts", store: store, synchronous: synchronous, open: openStore)
        countLane = QueryLane(name: "count", synchronous: synchronous, open: openStore)
        orderLane = QueryLane(name: "order", synchronous: synchronous, open: openStore)
        exports = ExportRunner(openStore: openStore, synchronous: synchronous, post: post)
        fileQueue = DispatchQueue(label: "authconsole.files")
    }

    /// Runs one effect. Timers, clipboard writes and quitting belong to the session and are
    /// ignored here.
    public func perform(_ effect: Effect) {
        switch effect {
        case let .loadStats(generation, days):
            let now = self.now()
            statsLane.submit(.stats, generation: generation) { [post] store in
                let start = Stopwatch.nanoseconds()
                let result = Result { try store.get().stats(now: now, days: days) }.mapError(EffectFailure.init)
                post(.statsLoaded(generation: generation, result, milliseconds: Stopwatch.milliseconds(since: start)))
            }
        case .loadAccounts(let request):
            accountsLane.submit(.accounts, generation: request.generation) { [post, self] store in
                let start = Stopwatch.nanoseconds()
                let changed = (try? store.get().db.changeCounter()).flatMap { pageCounter.changed(to: $0) } ?? false
                let result = Result { try self.page(request, store: store.get()) }.mapError(EffectFailure.init)
                post(.accountsLoaded(generation: request.generation, result, milliseconds: Stopwatch.milliseconds(since: start)))
                if changed { post(.accountsChanged) }
            }
        case let .countAccounts(filter, generation):
            countLane.submit(.count, generation: generation) { [post] store in
                let start = Stopwatch.nanoseconds()
                let result = Result { try store.get().accounts(filter: filter).count() }.mapError(EffectFailure.init)
                post(.countLoaded(generation: generation, result, milliseconds: Stopwatch.milliseconds(since: start)))
            }
        case let .loadUser(id, generation):
            accountsLane.submit(.user, generation: generation) { [post] store in
                let start = Stopwatch.nanoseconds()
                let result = Result { try store.get().user(id: id) }.mapError(EffectFailure.init)
                post(.userLoaded(generation: generation, result, milliseconds: Stopwatch.milliseconds(since: start)))
            }
        case .loadProviderConfiguration:
            guard let loadProviders else { return }
            run { [post] in post(.providerConfigurationLoaded(Result { try loadProviders() }.mapError(EffectFailure.init))) }
        case let .writeSnippet(text, providerID):
            let folder = self.folder
            run { [post] in
                switch SnippetWriter.write(text, providerID: providerID, folder: folder) {
                case .success(let path): post(.report("wrote the \(providerID) settings snippet to \(path) (mode 0600)", isError: false))
                case .failure(let f): post(.report(f.message, isError: true))
                }
            }
        case .startExport(let request):
            exports.start(request)
        case .cancelExport(let id):
            exports.cancel(id)
        case .schedule, .copyToClipboard, .quit:
            break
        }
    }

    private func run(_ work: @escaping @Sendable () -> Void) {
        if synchronous { work() } else { fileQueue.async(execute: work) }
    }

    /// A page from the view's order when it is current, else from the database (and when that
    /// was slow, the order is built in the background for the pages that follow).
    func page(_ r: AccountsRequest, store: AuthStore) throws -> AccountPage {
        let pager = try store.accounts(filter: r.filter, sort: r.sort, pageSize: r.pageSize)
        if let order = orders.order(filter: r.filter, sort: r.sort) {
            if try pager.isCurrent(order) {
                switch r.target {
                case .number(let n): return try pager.page(n, in: order)
                case .next(let page): return try pager.next(after: page, in: order)
                case .previous(let page): return try pager.previous(before: page, in: order)
                }
            }
            orders.discard(order)
        }
        let start = Stopwatch.nanoseconds()
        let page: AccountPage
        switch r.target {
        case .number(let n): page = try pager.page(n)
        case .next(let p): page = try pager.next(after: p)
        case .previous(let p): page = try pager.previous(before: p)
        }
        if Stopwatch.milliseconds(since: start) >= orderThresholdMilliseconds {
            try buildOrder(filter: r.filter, sort: r.sort, pager: pager)
        }
        return page
    }

    /// Whether pages of this view can come from a built order (tests).
    func hasOrder(filter: AccountFilter, sort: AccountSort) -> Bool {
        orders.order(filter: filter, sort: sort) != nil
    }

    /// Reads the view's ids in order on the order lane. The base version comes from the accounts
    /// connection now, before the ids are read, so any commit after it retires the order.
    private func buildOrder(filter: AccountFilter, sort: AccountSort, pager: AccountPager) throws {
        guard let base = try pager.changeCounter(), orders.claimBuild(filter: filter, sort: sort) else { return }
        let generation = orderGeneration.next()
        orderLane.submit(.order, generation: generation) { [orders] store in
            let order = try? store.get().accounts(filter: filter, sort: sort).order(baseVersion: base)
            orders.finish(order, filter: filter, sort: sort)
        }
    }

    /// Stops everything still running (at exit).
    public func shutdown() {
        statsLane.interruptAll()
        accountsLane.interruptAll()
        countLane.interruptAll()
        orderLane.interruptAll()
        exports.cancelAll()
    }
}
