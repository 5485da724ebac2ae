import AuthCore

/// A failed effect, as the state keeps it: a message fit for the status bar.
public struct EffectFailure: Error, Equatable, Sendable {
    public let message: String
    /// The query was interrupted because a newer one replaced it.
    public let cancelled: Bool

    public init(message: String, cancelled: Bool = false) {
        self.message = message
        self.cancelled = cancelled
    }

    public init(_ error: Error) {
        if let f = error as? EffectFailure {
            self = f
        } else if let d = error as? DatabaseError, d == .interrupted {
            self.init(message: d.message, cancelled: true)
        } else if let u = error as? UserFacingError {
            self.init(message: u.message)
        } else {
            self.init(message: String(describing: error))
        }
    }
}

/// Timers the reducer asks for; they come back as `Event.timer`.
public enum TimerID: Hashable, Sendable {
    case searchDebounce(Int)
    case flashFade(Int)
    case flashExpiry(Int)
}

/// How an export ended.
public enum ExportOutcome: Equatable, Sendable {
    case finished(rows: Int, path: String)
    case cancelled(rows: Int)
    /// The file exists and the request did not allow overwriting it.
    case exists(path: String)
    case failed(String)
}

/// Everything that can happen to the console: keys, the terminal, timers and effect results.
public enum Event: Equatable, Sendable {
    case start
    case key(Key)
    case resize(TerminalSize)
    case timer(TimerID)
    case statsLoaded(generation: Int, Result<DashboardStats, EffectFailure>, milliseconds: Int)
    case accountsLoaded(generation: Int, Result<AccountPage, EffectFailure>, milliseconds: Int)
    case countLoaded(generation: Int, Result<Int, EffectFailure>, milliseconds: Int)
    /// Someone committed since the previous page was read: the count shown is stale.
    case accountsChanged
    case userLoaded(generation: Int, Result<UserDetail, EffectFailure>, milliseconds: Int)
    case providerConfigurationLoaded(Result<ProviderConfiguration, EffectFailure>)
    case exportProgress(id: Int, rows: Int)
    case exportEnded(id: Int, ExportOutcome)
    /// What a clipboard copy or a file write did, for the status bar.
    case report(String, isError: Bool)
}
