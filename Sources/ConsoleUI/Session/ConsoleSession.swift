import AuthCore
#if canImport(Glibc)
import Glibc
#endif

/// The UI loop: reads the terminal, feeds events to the reducer, hands effects to the runner,
/// fires timers and draws. Everything here runs on one thread; results from the runner arrive
/// through the inbox.
public final class ConsoleSession {
    public private(set) var state: AppState
    private let terminal: Terminal
    private let runner: EffectRunner
    private let inbox: EventInbox
    private let environment: [String: String]
    private let clock: () -> UInt64
    private var timers: [TimerID: UInt64] = [:]
    private var drawnState: AppState?
    private let trace: Trace?
    public private(set) var exitStatus: Int32 = 0

    public init(state: AppState, terminal: Terminal, runner: EffectRunner, inbox: EventInbox, environment: [String: String],
                clock: @escaping () -> UInt64 = Stopwatch.nanoseconds, traceOrigin: UInt64? = nil) {
        self.state = state
        self.terminal = terminal
        self.runner = runner
        self.inbox = inbox
        self.environment = environment
        self.clock = clock
        trace = Trace(path: environment["AUTHCONSOLE_TRACE"], origin: traceOrigin ?? clock())
    }

    /// Runs until quit, a signal or hangup; restores the terminal and returns the exit status
    /// (0, or 128 + the signal).
    public func run() -> Int32 {
        dispatch(.start)
        draw()
        while !state.quitting {
            let inputs = terminal.waitForInput(timeoutMilliseconds: nextTimeout(), wakeFD: inbox.wakeFD)
            for input in inputs {
                switch input {
                case .key(let k):
                    trace?.key(k)
                    dispatch(.key(k))
                case .resize(let size):
                    dispatch(.resize(size))
                case .hangup:
                    stop(status: 128 + SIGHUP)
                case .signal(let sig):
                    stop(status: 128 + sig)
                case .wake:
                    break
                }
                if state.quitting { break }
            }
            for event in inbox.drain() { dispatch(event) }
            fireTimers()
            if !state.quitting { draw() }
        }
        runner.shutdown()
        terminal.restore()
        return exitStatus
    }

    private func stop(status: Int32) {
        exitStatus = status
        state.quitting = true
    }

    /// Sends one event through the reducer and performs its effects.
    public func dispatch(_ event: Event) {
        let (next, effects) = Reducer.reduce(state, event)
        state = next
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case let .schedule(id, ms):
            timers[id] = clock() &+ UInt64(max(0, ms)) * 1_000_000
        case let .copyToClipboard(text, what):
            switch Clipboard.decide(text, what: what, isTerminal: terminal.isInteractive, environment: environment) {
            case let .write(bytes, note):
                terminal.writeControlSequence(bytes)
                dispatch(.report(note, isError: false))
            case .refuse(let why):
                dispatch(.report(why, isError: true))
            }
        case .quit:
            state.quitting = true
        default:
            runner.perform(effect)
        }
    }

    private func nextTimeout() -> Int {
        guard let soonest = timers.values.min() else { return -1 }
        let now = clock()
        return soonest <= now ? 0 : Int((soonest - now + 999_999) / 1_000_000)
    }

    private func fireTimers() {
        let now = clock()
        let due = timers.filter { $0.value <= now }.sorted { $0.value < $1.value }
        for (id, _) in due {
            timers[id] = nil
            dispatch(.timer(id))
        }
    }

    private func draw() {
        if terminal.size != state.size { dispatch(.resize(terminal.size)) }
        guard drawnState != state else { return }
        terminal.draw(Renderer.render(state, size: terminal.size))
        drawnState = state
        trace?.frame(busy: state.isBusy, complete: state.visibleScreenLoaded)
    }
}
