import AuthCore

/// The three screens, numbered as their keys.
public enum ScreenID: Int, Equatable, Sendable, CaseIterable {
    case dashboard = 1, providers, accounts

    public var title: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .providers: return "Providers"
        case .accounts: return "Social accounts"
        }
    }
}

/// Everything the console shows, as one value. `reduce` is the only thing that changes it and
/// `render` the only thing that draws it.
public struct AppState: Equatable {
    public var environment: ConsoleEnvironment
    public var size: TerminalSize
    public var screen: ScreenID = .dashboard
    public var overlay: Overlay?
    public var stats: Loadable<DashboardStats> = .idle
    public var statsGeneration = 0
    /// The selected problem line on the dashboard.
    public var dashboardSelection = 0
    public var providers: ProvidersState
    public var accounts = AccountsState()
    public var export: ExportState?
    public var status = StatusState()
    /// Source of generation numbers for queries, flash messages and exports.
    public var serial = 0
    public var quitting = false

    public init(environment: ConsoleEnvironment, size: TerminalSize, providers: ProviderConfiguration? = nil) {
        self.environment = environment
        self.size = size
        self.providers = ProvidersState(configuration: providers)
        accounts.pageSize = Layout.accountsPageSize(for: size)
    }

    public var glyphs: Glyphs { environment.glyphs }

    mutating func nextSerial() -> Int {
        serial += 1
        return serial
    }

    /// Whether any query is still running: the status bar shows `working…` instead of `ready`.
    public var isBusy: Bool {
        stats.isLoading || accounts.loading || accounts.counting || (accounts.user?.detail.isLoading ?? false) || export != nil
            || accounts.searchText != accounts.appliedSearch
    }

    /// Whether the screen on show has everything it draws (the accounts table counts only once
    /// its rows and count are in).
    public var visibleScreenLoaded: Bool {
        switch screen {
        case .dashboard, .providers: return stats.value != nil && !stats.isLoading
        case .accounts:
            guard environment.hasSocialAccounts else { return true }
            if let user = accounts.user { return !user.detail.isLoading }
            return accounts.page != nil && !accounts.loading && !accounts.counting
        }
    }

    /// The Providers list: configured entries, or the usage the database shows when the
    /// configuration has not been read.
    public var providerRows: [ProviderRow] {
        if let config = providers.configuration, !config.entries.isEmpty { return config.entries.map(ProviderRow.entry) }
        return (stats.value?.providers ?? []).map(ProviderRow.usageOnly)
    }

    /// Configuration problems, most serious first.
    public var findings: [Finding] {
        guard let config = providers.configuration else { return [] }
        var all = config.findings
        for entry in config.entries {
            for w in entry.warnings where !all.contains(w) { all.append(w) }
        }
        return all.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// Provider ids for the filter picker: those with accounts and those configured.
    public var providerChoices: [String] {
        var ids = Set((stats.value?.providers ?? []).map(\.id))
        for e in providers.configuration?.entries ?? [] { ids.insert(e.id) }
        if let p = accounts.provider { ids.insert(p) }
        return ids.sorted()
    }
}
