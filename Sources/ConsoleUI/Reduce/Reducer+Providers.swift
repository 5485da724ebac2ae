import AuthCore

extension Reducer {
    static func statsLoaded(_ generation: Int, _ result: Result<DashboardStats, EffectFailure>, _ ms: Int,
                            _ s: inout AppState, _ fx: inout [Effect]) {
        guard generation == s.statsGeneration else { return }
        switch result {
        case .success(let stats):
            s.stats = .loaded(stats)
            s.status.lastQueryMilliseconds = ms
            s.providers.selected = min(s.providers.selected, max(0, s.providerRows.count - 1))
        case .failure(let f):
            if f.cancelled { s.stats = s.stats.value.map { .loaded($0) } ?? .idle; return }
            s.stats = .failed(f.message, previous: s.stats.value)
            flash(f.message, error: true, &s, &fx)
        }
        startAccounts(&s, &fx)
    }

    static func providersKey(_ k: Key, _ s: inout AppState, _ fx: inout [Effect]) {
        let rows = s.providerRows
        let selected = rows.isEmpty ? nil : rows[min(s.providers.selected, rows.count - 1)]
        switch k {
        case .char("j"), .down:
            s.providers.selected = min(max(0, rows.count - 1), s.providers.selected + 1)
            s.providers.detailScroll = 0
        case .char("k"), .up:
            s.providers.selected = max(0, s.providers.selected - 1)
            s.providers.detailScroll = 0
        case .char("g"), .home:
            s.providers.selected = 0
            s.providers.detailScroll = 0
        case .char("G"), .end:
            s.providers.selected = max(0, rows.count - 1)
            s.providers.detailScroll = 0
        case .pageDown, .ctrl("d"), .char(" "):
            scrollProviderDetail(by: Layout.providerDetailHeight(s.size, rows: rows.count), &s)
        case .pageUp, .ctrl("u"):
            scrollProviderDetail(by: -Layout.providerDetailHeight(s.size, rows: rows.count), &s)
        case .enter:
            guard let row = selected, s.environment.hasSocialAccounts else { return }
            s.screen = .accounts
            s.accounts.user = nil
            s.accounts.started = true
            setProvider(row.id, &s, &fx)
            if s.accounts.page == nil, !s.accounts.loading {
                queryAccounts(.number(1), selection: .first, recount: true, &s, &fx)
            }
        case .char("y"):
            guard case .entry(let e)? = selected, let url = e.callbackURL else {
                flash(notReadMessage(s, what: "callback URL"), error: true, &s, &fx)
                return
            }
            fx.append(.copyToClipboard(text: url, what: "callback URL"))
        case .char("Y"):
            guard let row = selected, let snippet = s.providers.configuration?.snippets[row.id] else {
                flash(notReadMessage(s, what: "settings snippet"), error: true, &s, &fx)
                return
            }
            fx.append(.copyToClipboard(text: snippet, what: "settings snippet"))
        case .char("w"):
            guard let row = selected, let snippet = s.providers.configuration?.snippets[row.id] else {
                flash(notReadMessage(s, what: "settings snippet"), error: true, &s, &fx)
                return
            }
            fx.append(.writeSnippet(text: snippet, providerID: row.id))
        case .escape:
            if s.export != nil { cancelExport(&s, &fx) }
        default:
            break
        }
    }

    static func notReadMessage(_ s: AppState, what: String) -> String {
        s.providers.configuration == nil ? "no \(what): provider configuration not read" : "no \(what) for this provider"
    }

    static func scrollProviderDetail(by delta: Int, _ s: inout AppState) {
        let rows = s.providerRows
        guard !rows.isEmpty else { return }
        let row = rows[min(s.providers.selected, rows.count - 1)]
        let lines = ProviderDetailView.lines(row, state: s, width: Layout.providerDetailWidth(s.size))
        let bottom = max(0, lines.count - Layout.providerDetailHeight(s.size, rows: rows.count))
        s.providers.detailScroll = min(bottom, max(0, s.providers.detailScroll + delta))
    }
}
