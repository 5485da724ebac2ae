import AuthCore

/// The console's one state transition: `reduce(state, event) -> (state, effects)`. Pure: no
/// I/O, no clock, no globals; slow work leaves as an `Effect` and comes back as an `Event`.
public enum Reducer {
    public static let searchDebounceMilliseconds = 150
    public static let flashMilliseconds = 4000
    public static let errorFlashMilliseconds = 8000
    /// How long a message shows dimmed before it goes.
    public static let fadeMilliseconds = 1500

    public static func reduce(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
        var s = state
        var fx: [Effect] = []
        switch event {
        case .start:
            start(&s, &fx)
        case .key(let k):
            key(k, &s, &fx)
        case .resize(let size):
            resize(size, &s, &fx)
        case .timer(let t):
            timer(t, &s, &fx)
        case let .statsLoaded(generation, result, ms):
            statsLoaded(generation, result, ms, &s, &fx)
        case let .accountsLoaded(generation, result, ms):
            accountsLoaded(generation, result, ms, &s, &fx)
        case let .countLoaded(generation, result, ms):
            countLoaded(generation, result, ms, &s, &fx)
        case .accountsChanged:
            recount(&s, &fx)
        case let .userLoaded(generation, result, ms):
            userLoaded(generation, result, ms, &s, &fx)
        case .providerConfigurationLoaded(let result):
            switch result {
            case .success(let config):
                s.providers.configuration = config
                s.providers.selected = min(s.providers.selected, max(0, s.providerRows.count - 1))
            case .failure(let f):
                flash(f.message, error: true, &s, &fx)
            }
        case let .exportProgress(id, rows):
            if s.export?.request.id == id { s.export?.rowsWritten = rows }
        case let .exportEnded(id, outcome):
            exportEnded(id, outcome, &s, &fx)
        case let .report(text, isError):
            flash(text, error: isError, &s, &fx)
        }
        return (s, fx)
    }

    // MARK: - Start, refresh, resize, timers

    /// The dashboard's figures first, alone, so the first screen is complete as soon as it can
    /// be; the accounts table is loaded when they arrive (or when its screen is opened).
    static func start(_ s: inout AppState, _ fx: inout [Effect]) {
        loadStats(&s, &fx)
        fx.append(.loadProviderConfiguration)
        if s.screen == .accounts { startAccounts(&s, &fx) }
    }

    static func startAccounts(_ s: inout AppState, _ fx: inout [Effect]) {
        guard !s.accounts.started, s.environment.hasSocialAccounts else { return }
        s.accounts.started = true
        queryAccounts(.number(1), selection: .first, recount: true, &s, &fx)
    }

    static func show(_ screen: ScreenID, _ s: inout AppState, _ fx: inout [Effect]) {
        s.screen = screen
        if screen == .accounts { startAccounts(&s, &fx) }
    }

    static func loadStats(_ s: inout AppState, _ fx: inout [Effect]) {
        s.statsGeneration = s.nextSerial()
        s.stats = s.stats.reloading
        fx.append(.loadStats(generation: s.statsGeneration, days: 90))
    }

    static func refresh(_ s: inout AppState, _ fx: inout [Effect]) {
        loadStats(&s, &fx)
        fx.append(.loadProviderConfiguration)
        if s.environment.hasSocialAccounts, s.accounts.started {
            queryAccounts(.number(s.accounts.page?.number ?? 1), selection: .keep, recount: true, &s, &fx)
        }
        if let user = s.accounts.user {
            openUser(userID: user.userID, accountID: user.accountID, &s, &fx)
        }
        flash("refreshing", error: false, &s, &fx)
    }

    static func resize(_ size: TerminalSize, _ s: inout AppState, _ fx: inout [Effect]) {
        guard size != s.size else { return }
        s.size = size
        let newSize = Layout.accountsPageSize(for: size)
        guard newSize != s.accounts.pageSize else { return }
        let firstRow = s.accounts.page?.firstRowNumber ?? 1
        let selectedRow = max(1, firstRow) + s.accounts.selected
        s.accounts.pageSize = newSize
        guard s.environment.hasSocialAccounts, s.accounts.started, !size.isTooSmall || s.accounts.page == nil else { return }
        let pageNumber = (selectedRow - 1) / newSize + 1
        let row = (selectedRow - 1) % newSize
        queryAccounts(.number(pageNumber), selection: .row(row), recount: false, &s, &fx)
    }

    static func timer(_ t: TimerID, _ s: inout AppState, _ fx: inout [Effect]) {
        switch t {
        case .searchDebounce(let id):
            if id == s.accounts.searchEdit { applySearch(&s, &fx) }
        case .flashFade(let id):
            if s.status.flash?.id == id { s.status.flash?.faded = true }
        case .flashExpiry(let id):
            if s.status.flash?.id == id { s.status.flash = nil }
        }
    }

    /// Shows a message in the status bar for a few seconds.
    static func flash(_ text: String, error: Bool, _ s: inout AppState, _ fx: inout [Effect]) {
        let id = s.nextSerial()
        s.status.flash = Flash(text: text, kind: error ? .error : .info, id: id)
        let shown = error ? errorFlashMilliseconds : flashMilliseconds
        fx.append(.schedule(.flashFade(id), milliseconds: shown - fadeMilliseconds))
        fx.append(.schedule(.flashExpiry(id), milliseconds: shown))
    }

    // MARK: - Keys

    static func key(_ k: Key, _ s: inout AppState, _ fx: inout [Effect]) {
        if k == .ctrl("c") {
            quit(&s, &fx)
            return
        }
        if s.size.isTooSmall {
            if k == .char("q") { quit(&s, &fx) }
            return
        }
        if s.overlay != nil {
            overlayKey(k, &s, &fx)
            return
        }
        if s.screen == .accounts, s.accounts.searchEditing {
            searchKey(k, &s, &fx)
            return
        }
        if s.screen == .accounts, s.accounts.user != nil, userKey(k, &s, &fx) { return }
        switch k {
        case .char("q"):
            quit(&s, &fx)
        case .char("?"), .function(1):
            s.overlay = .help(scroll: 0)
        case .char("1"), .char("2"), .char("3"):
            if case .char(let c) = k, let n = Int(String(c)), let screen = ScreenID(rawValue: n) { show(screen, &s, &fx) }
        case .tab:
            show(ScreenID(rawValue: s.screen.rawValue % 3 + 1) ?? .dashboard, &s, &fx)
        case .backTab:
            show(ScreenID(rawValue: (s.screen.rawValue + 1) % 3 + 1) ?? .dashboard, &s, &fx)
        case .char("r"), .ctrl("r"):
            refresh(&s, &fx)
        case .char("x") where s.export != nil:
            cancelExport(&s, &fx)
        default:
            switch s.screen {
            case .dashboard: dashboardKey(k, &s, &fx)
            case .providers: providersKey(k, &s, &fx)
            case .accounts: accountsKey(k, &s, &fx)
            }
        }
    }

    static func quit(_ s: inout AppState, _ fx: inout [Effect]) {
        s.quitting = true
        if let e = s.export { fx.append(.cancelExport(id: e.request.id)) }
        fx.append(.quit)
    }

    static func cancelExport(_ s: inout AppState, _ fx: inout [Effect]) {
        guard let e = s.export, !e.cancelling else { return }
        s.export?.cancelling = true
        fx.append(.cancelExport(id: e.request.id))
    }

    // MARK: - Dashboard

    static func dashboardKey(_ k: Key, _ s: inout AppState, _ fx: inout [Effect]) {
        let count = s.findings.count
        switch k {
        case .char("j"), .down:
            s.dashboardSelection = min(max(0, count - 1), s.dashboardSelection + 1)
        case .char("k"), .up:
            s.dashboardSelection = max(0, s.dashboardSelection - 1)
        case .enter:
            let findings = s.findings
            guard s.dashboardSelection < findings.count else { return }
            s.screen = .providers
            if let pid = findings[s.dashboardSelection].providerID,
               let i = s.providerRows.firstIndex(where: { $0.id == pid }) {
                s.providers.selected = i
                s.providers.detailScroll = 0
            }
        case .escape:
            if s.export != nil { cancelExport(&s, &fx) }
        default:
            break
        }
    }
}
