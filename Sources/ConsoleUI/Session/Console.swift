import AuthCore
import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// The console's entry point for the executable.
public enum Console {
    public struct Options {
        /// `--now`: fixes "now" for every figure; nil follows the clock.
        public var now: UTCDateTime?
        public var environment: [String: String]
        /// Reads the provider configuration (settings and social apps); nil until that exists,
        /// and the Providers screen shows database usage only.
        public var loadProviders: (@Sendable () throws -> ProviderConfiguration)?
        public var folder: String
        /// When the process started (monotonic ns), for the start-to-paint trace.
        public var startedAt: UInt64?

        public init(now: UTCDateTime?, environment: [String: String], loadProviders: (@Sendable () throws -> ProviderConfiguration)? = nil,
                    folder: String = ".", startedAt: UInt64? = nil) {
            self.now = now
            self.environment = environment
            self.loadProviders = loadProviders
            self.folder = folder
            self.startedAt = startedAt
        }
    }

    /// Whether the locale's codeset is UTF-8 (after `setlocale(LC_ALL, "")`); otherwise the
    /// console draws ASCII.
    public static var localeIsUTF8: Bool {
        guard let cs = cnc_codeset() else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Opens the terminal, runs the session and restores the terminal. Returns the exit status.
    public static func run(store: AuthStore, openStore: @escaping @Sendable () throws -> AuthStore, options: Options) throws -> Int32 {
        let terminal = try NCursesTerminal(environment: options.environment)
        let fixedNow = options.now
        let env = ConsoleEnvironment(store: store, now: fixedNow ?? UTCDateTime.now(), unicode: localeIsUTF8)
        let inbox = EventInbox()
        let runner = EffectRunner(store: store, openStore: openStore, now: { fixedNow ?? UTCDateTime.now() },
                                  loadProviders: options.loadProviders, folder: options.folder, post: { inbox.post($0) })
        let session = ConsoleSession(state: AppState(environment: env, size: terminal.size), terminal: terminal, runner: runner,
                                     inbox: inbox, environment: options.environment, traceOrigin: options.startedAt)
        return session.run()
    }
}
