import AuthCore

/// What the provider-configuration reader produces for the console: one entry per app, the
/// problems found, and a settings snippet per entry (by `ProviderEntry.id`).
public struct ProviderConfiguration: Equatable, Sendable {
    public var entries: [ProviderEntry]
    public var findings: [Finding]
    public var snippets: [String: String]

    public init(entries: [ProviderEntry], findings: [Finding], snippets: [String: String] = [:]) {
        self.entries = entries
        self.findings = findings
        self.snippets = snippets
    }
}

/// The Providers screen: the configuration (nil until something reads it), the selected row and
/// how far the detail pane is scrolled.
public struct ProvidersState: Equatable {
    public var configuration: ProviderConfiguration?
    public var selected = 0
    public var detailScroll = 0

    public init(configuration: ProviderConfiguration? = nil) { self.configuration = configuration }
}

/// A row of the Providers list: a configured entry, or only usage from the database when the
/// configuration has not been read.
public enum ProviderRow: Equatable {
    case entry(ProviderEntry)
    case usageOnly(ProviderUsage)

    public var id: String {
        switch self {
        case .entry(let e): return e.id
        case .usageOnly(let u): return u.id
        }
    }
}
