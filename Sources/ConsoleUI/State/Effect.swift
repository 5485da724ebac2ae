import AuthCore

/// Work the reducer asks for. The effect runner does it off the UI thread (except terminal
/// writes) and sends the result back as an `Event`.
public enum Effect: Equatable, Sendable {
    case loadStats(generation: Int, days: Int)
    case loadAccounts(AccountsRequest)
    case countAccounts(filter: AccountFilter, generation: Int)
    case loadUser(id: Int64, generation: Int)
    case loadProviderConfiguration
    case schedule(TimerID, milliseconds: Int)
    /// Copies text to the terminal's clipboard (OSC 52); `what` names it in the report.
    case copyToClipboard(text: String, what: String)
    /// Writes a provider's settings snippet to a new file (mode 0600, never overwriting).
    case writeSnippet(text: String, providerID: String)
    case startExport(ExportRequest)
    case cancelExport(id: Int)
    case quit
}
