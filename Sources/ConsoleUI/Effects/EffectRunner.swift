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
                synchronous: Bool = false, post: @escaping @Sendable (Event) -> Void) {
        self.post = post
        self.openStore = openStore
        self.now = now
        self.loadProviders = loadProviders
        self.synchronous = synchronous
        self.folder = folder
        statsLane = QueryLane(name: "stats", synchronous: synchronous, open: openStore)
        accountsLane = QueryLane(name: "accounts", store: store, synchronous: synchronous, open: openStore)
        countLane = QueryLane(name: "count", synchronous: synchronous, open: openStore)
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
            accountsLane.submit(.accounts, generation: request.generation) { [post] store in
                let start = Stopwatch.nanoseconds()
                let result = Result { try Self.page(request, store: store.get()) }.mapError(EffectFailure.init)
                post(.accountsLoaded(generation: request.generation, result, milliseconds: Stopwatch.milliseconds(since: start)))
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

    static func page(_ r: AccountsRequest, store: AuthStore) throws -> AccountPage {
        let pager = try store.accounts(filter: r.filter, sort: r.sort, pageSize: r.pageSize)
        switch r.target {
        case .number(let n): return try pager.page(n)
        case .next(let page): return try pager.next(after: page)
        case .previous(let page): return try pager.previous(before: page)
        }
    }

    /// Stops everything still running (at exit).
    public func shutdown() {
        statsLane.interruptAll()
        accountsLane.interruptAll()
        countLane.interruptAll()
        exports.cancelAll()
    }
}
