import AuthCore
import Foundation
import XCTest
@testable import ConsoleUI

/// Drives the real reducer, renderer and effect runner (synchronously) on a fixture database,
/// as the session would, without a terminal. Query times are fixed at 5 ms so frames are
/// stable.
final class Harness {
    private(set) var state: AppState
    private var runner: EffectRunner!
    private let box = EventBox()
    /// Timers asked for and not yet fired.
    private(set) var timers: [TimerID] = []
    private(set) var effects: [Effect] = []
    private(set) var clipboard: [String] = []

    init(fixture: String = "default", size: TerminalSize = TerminalSize(width: 80, height: 24), unicode: Bool = true,
         providers: ProviderConfiguration? = nil, folder: String = ".", start: Bool = true) throws {
        TestLocale.useUTF8()
        let path = Fixtures.path(fixture)
        let store = try Fixtures.store(fixture)
        var env = ConsoleEnvironment(store: store, now: Fixtures.now, unicode: unicode)
        env.databaseName = "Tests/Fixtures/db/\(fixture).sqlite3"
        state = AppState(environment: env, size: size, providers: providers)
        let box = self.box
        runner = EffectRunner(store: store, openStore: { try AuthStore(connection: SQLiteConnection(path: path)) },
                              now: { Fixtures.now }, folder: folder, synchronous: true, post: { box.append($0) })
        if start { send(.start) }
    }

    /// Reduces an event, performs its effects and everything they post, until quiet.
    func send(_ event: Event) {
        let (next, fx) = Reducer.reduce(state, Self.fixedTimes(event))
        state = next
        for f in fx { perform(f) }
        while let e = box.pop() { send(e) }
    }

    private func perform(_ f: Effect) {
        effects.append(f)
        switch f {
        case .schedule(let id, _): timers.append(id)
        case .copyToClipboard(let text, _): clipboard.append(text)
        case .quit: break
        default: runner.perform(f)
        }
    }

    func press(_ keys: Key...) { for k in keys { send(.key(k)) } }

    func type(_ text: String) { for k in Key.typing(text) { send(.key(k)) } }

    /// Fires the search debounce timers (flash timers stay, so messages remain visible).
    func fireSearchTimers() {
        let due = timers.filter { if case .searchDebounce = $0 { return true } else { return false } }
        timers.removeAll { due.contains($0) }
        for t in due { send(.timer(t)) }
    }

    func clearEffects() { effects.removeAll() }

    func resize(_ size: TerminalSize) { send(.resize(size)) }

    var screen: ScreenBuffer { Renderer.render(state, size: state.size) }

    static func fixedTimes(_ e: Event) -> Event {
        switch e {
        case let .statsLoaded(g, r, _): return .statsLoaded(generation: g, r, milliseconds: 5)
        case let .accountsLoaded(g, r, _): return .accountsLoaded(generation: g, r, milliseconds: 5)
        case let .countLoaded(g, r, _): return .countLoaded(generation: g, r, milliseconds: 5)
        case let .userLoaded(g, r, _): return .userLoaded(generation: g, r, milliseconds: 5)
        default: return e
        }
    }
}

final class EventBox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []

    func append(_ e: Event) { lock.lock(); events.append(e); lock.unlock() }

    func pop() -> Event? {
        lock.lock()
        defer { lock.unlock() }
        return events.isEmpty ? nil : events.removeFirst()
    }
}
