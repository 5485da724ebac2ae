import AuthCore
import XCTest
@testable import ConsoleUI

/// Key sequences to states, on the reducer alone (no database): what each key asks for and how
/// results and stale results land.
final class ReducerTests: XCTestCase {
    override func setUp() { TestLocale.useUTF8() }

    private func env(hasUsername: Bool = true) -> ConsoleEnvironment {
        ConsoleEnvironment(databaseName: "test.sqlite3", userTable: "auth_user", now: Fixtures.now, unicode: true,
                           hasSocialAccounts: true, hasUsername: hasUsername, hasEmail: true, limitations: [])
    }

    /// A fresh state after `.start` and the dashboard's figures, with the effects of both.
    private func started(size: TerminalSize = TerminalSize(width: 80, height: 24)) -> (AppState, [Effect]) {
        let (s, fx) = Reducer.reduce(AppState(environment: env(), size: size), .start)
        guard let stats = try? Fixtures.store("default").stats(now: Fixtures.now) else { return (s, fx) }
        let (t, more) = Reducer.reduce(s, .statsLoaded(generation: s.statsGeneration, .success(stats), milliseconds: 1))
        return (t, fx + more)
    }

    private func send(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) {
        var state = s
        var all: [Effect] = []
        for k in keys {
            let (next, fx) = Reducer.reduce(state, .key(k))
            state = next
            all += fx
        }
        return (state, all)
    }

    private func accountRequests(_ fx: [Effect]) -> [AccountsRequest] {
        fx.compactMap { if case .loadAccounts(let r) = $0 { return r } else { return nil } }
    }

    private func counts(_ fx: [Effect]) -> [AccountFilter] {
        fx.compactMap { if case .countAccounts(let f, _) = $0 { return f } else { return nil } }
    }

    /// Real pages from the default fixture, for feeding results back.
    private func page(_ number: Int, size: Int = 19, filter: AccountFilter = AccountFilter(), sort: AccountSort = .default) throws -> AccountPage {
        try Fixtures.store("default").accounts(filter: filter, sort: sort, pageSize: size).page(number)
    }

    func testStartLoadsStatsAloneThenTheFirstPageAndCount() throws {
        var (s, fx) = Reducer.reduce(AppState(environment: env(), size: TerminalSize(width: 80, height: 24)), .start)
        XCTAssertEqual(fx, [.loadStats(generation: s.statsGeneration, days: 90), .loadProviderConfiguration])
        let stats = try Fixtures.store("default").stats(now: Fixtures.now)
        (s, fx) = Reducer.reduce(s, .statsLoaded(generation: s.statsGeneration, .success(stats), milliseconds: 1))
        XCTAssertEqual(accountRequests(fx).map(\.target), [.number(1)])
        XCTAssertEqual(accountRequests(fx).first?.pageSize, 19)
        XCTAssertEqual(counts(fx), [AccountFilter()])
        XCTAssertTrue(s.isBusy)
    }

    /// A commit by someone else under the table: the view is counted again, the old count stays
    /// until the new one lands, and a stale count's answer is ignored.
    func testAChangeUnderTheTableCountsAgain() throws {
        var (s, fx) = started()
        let firstCount = s.accounts.countGeneration
        (s, _) = Reducer.reduce(s, .countLoaded(generation: firstCount, .success(308), milliseconds: 1))
        XCTAssertEqual(s.accounts.count, 308)
        (s, fx) = Reducer.reduce(s, .accountsChanged)
        XCTAssertEqual(counts(fx), [AccountFilter()])
        XCTAssertEqual(s.accounts.count, 308, "kept until the new count arrives")
        XCTAssertTrue(s.accounts.counting)
        (s, _) = Reducer.reduce(s, .countLoaded(generation: firstCount, .success(1), milliseconds: 1))
        XCTAssertEqual(s.accounts.count, 308, "an answer for the old count is ignored")
        (s, _) = Reducer.reduce(s, .countLoaded(generation: s.accounts.countGeneration, .success(309), milliseconds: 1))
        XCTAssertEqual(s.accounts.count, 309)
        XCTAssertFalse(s.accounts.counting)
    }

    func testOpeningTheAccountsScreenEarlyLoadsItAtOnce() {
        var (s, _) = Reducer.reduce(AppState(environment: env(), size: TerminalSize(width: 80, height: 24)), .start)
        var fx: [Effect]
        (s, fx) = Reducer.reduce(s, .key(.char("3")))
        XCTAssertEqual(accountRequests(fx).map(\.target), [.number(1)])
        (s, fx) = Reducer.reduce(s, .statsLoaded(generation: s.statsGeneration, .failure(EffectFailure(message: "x")), milliseconds: 1))
        XCTAssertEqual(accountRequests(fx), [], "not asked twice")
    }

    func testAPendingSearchCountsAsWork() {
        var (s, _) = started()
        (s, _) = send(s, .char("3"), .char("/"), .char("a"))
        XCTAssertTrue(s.isBusy, "the marker must not say ready before a typed search has run")
    }

    func testSearchIsDebouncedAndNeverWaits() {
        var (s, _) = started()
        var fx: [Effect]
        (s, fx) = send(s, .char("3"), .char("/"), .char("s"), .char("m"))
        XCTAssertTrue(s.accounts.searchEditing)
        XCTAssertEqual(s.accounts.searchText, "sm")
        XCTAssertEqual(accountRequests(fx), [], "typing asks for no query, only timers")
        let timers = fx.compactMap { if case .schedule(.searchDebounce(let id), let ms) = $0 { return (id, ms) } else { return nil } }
        XCTAssertEqual(timers.map(\.1), [150, 150])
        // The first timer is stale: nothing happens.
        (s, fx) = Reducer.reduce(s, .timer(.searchDebounce(timers[0].0)))
        XCTAssertEqual(fx, [])
        (s, fx) = Reducer.reduce(s, .timer(.searchDebounce(timers[1].0)))
        XCTAssertEqual(accountRequests(fx).map(\.filter), [AccountFilter(search: "sm")])
        XCTAssertEqual(counts(fx), [AccountFilter(search: "sm")])
        XCTAssertNil(s.accounts.count)
        XCTAssertTrue(s.accounts.searchEditing, "still typing")
    }

    func testEnterAppliesSearchAtOnceAndEscClearsIt() {
        var (s, _) = started()
        var fx: [Effect]
        (s, fx) = send(s, .char("3"), .char("/"), .char("g"), .char("i"), .char("t"), .enter)
        XCTAssertFalse(s.accounts.searchEditing)
        XCTAssertEqual(accountRequests(fx).last?.filter, AccountFilter(search: "git"))
        (s, fx) = send(s, .escape)
        XCTAssertEqual(s.accounts.searchText, "")
        XCTAssertEqual(accountRequests(fx).last?.filter, AccountFilter())
        // Esc again with nothing to clear asks for nothing.
        (s, fx) = send(s, .escape)
        XCTAssertEqual(accountRequests(fx), [])
    }

    func testSortKeysAndDirection() {
        var (s, _) = started()
        var fx: [Effect]
        (s, fx) = send(s, .char("3"), .char("U"))
        XCTAssertEqual(s.accounts.sort, AccountSort(field: .username, descending: false))
        XCTAssertEqual(accountRequests(fx).last?.sort, s.accounts.sort)
        XCTAssertEqual(counts(fx), [], "sorting keeps the count")
        (s, _) = send(s, .char("U"))
        XCTAssertEqual(s.accounts.sort, AccountSort(field: .username, descending: true))
        (s, _) = send(s, .char("s"))
        XCTAssertEqual(s.accounts.sort, AccountSort(field: .email, descending: false))
        (s, _) = send(s, .char("S"))
        XCTAssertEqual(s.accounts.sort, AccountSort(field: .email, descending: true))
        (s, _) = send(s, .char("J"))
        XCTAssertEqual(s.accounts.sort, AccountSort(field: .date_joined, descending: true), "dates start newest first")
    }

    func testSortSkipsColumnsTheSchemaLacks() {
        var s = AppState(environment: env(hasUsername: false), size: TerminalSize(width: 80, height: 24))
        (s, _) = Reducer.reduce(s, .start)
        (s, _) = send(s, .char("3"), .char("U"))
        XCTAssertEqual(s.accounts.sort, .default)
        (s, _) = send(s, .char("s"))
        XCTAssertEqual(s.accounts.sort.field, .last_login, "after date_joined comes last_login")
        (s, _) = send(s, .char("s"))
        XCTAssertEqual(s.accounts.sort.field, .email, "then it wraps past the missing username")
    }

    func testProviderFilterPicker() throws {
        var (s, _) = started()
        let stats = try Fixtures.store("default").stats(now: Fixtures.now)
        (s, _) = Reducer.reduce(s, .statsLoaded(generation: s.statsGeneration, .success(stats), milliseconds: 1))
        var fx: [Effect]
        (s, fx) = send(s, .char("3"), .char("p"))
        XCTAssertEqual(s.overlay, .providerPicker(selected: 0))
        (s, fx) = send(s, .down, .down, .enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.accounts.provider, "github")
        XCTAssertEqual(accountRequests(fx).last?.filter, AccountFilter(provider: "github"))
        XCTAssertEqual(counts(fx), [AccountFilter(provider: "github")])
        (s, fx) = send(s, .escape)
        XCTAssertNil(s.accounts.provider, "Esc clears the filter")
    }

    func testPagingAndStaleResults() throws {
        var (s, fx) = started()
        let first = try page(1)
        let gen = accountRequests(fx)[0].generation
        (s, _) = Reducer.reduce(s, .accountsLoaded(generation: gen, .success(first), milliseconds: 3))
        (s, _) = Reducer.reduce(s, .countLoaded(generation: s.accounts.countGeneration, .success(308), milliseconds: 2))
        XCTAssertEqual(s.accounts.page, first)
        XCTAssertEqual(s.accounts.pageCount, 17)

        (s, fx) = send(s, .char("3"), .pageDown)
        XCTAssertEqual(accountRequests(fx).map(\.target), [.next(after: first)])
        let nextGen = accountRequests(fx)[0].generation
        // A result for the old generation changes nothing.
        let stale = try page(5)
        (s, _) = Reducer.reduce(s, .accountsLoaded(generation: gen, .success(stale), milliseconds: 1))
        XCTAssertEqual(s.accounts.page, first)
        let second = try page(2)
        (s, _) = Reducer.reduce(s, .accountsLoaded(generation: nextGen, .success(second), milliseconds: 1))
        XCTAssertEqual(s.accounts.page?.number, 2)

        (s, fx) = send(s, .char("G"))
        XCTAssertEqual(accountRequests(fx).map(\.target), [.number(17)])
        (s, fx) = send(s, .char("g"))
        XCTAssertEqual(accountRequests(fx).map(\.target), [.number(1)])
        (s, fx) = send(s, .char(":"), .char("1"), .char("2"), .enter)
        XCTAssertEqual(accountRequests(fx).map(\.target), [.number(12)])
        (s, fx) = send(s, .char(":"), .char("9"), .char("9"), .enter)
        XCTAssertEqual(accountRequests(fx), [])
        XCTAssertEqual(s.status.flash?.text, "page 99 is past the last page (17)")
    }

    func testMovingPastThePageEdgeLoadsTheNextPage() throws {
        var (s, fx) = started()
        let first = try page(1)
        (s, _) = Reducer.reduce(s, .accountsLoaded(generation: accountRequests(fx)[0].generation, .success(first), milliseconds: 1))
        var keys = [Key](repeating: .char("j"), count: 18)
        keys.insert(.char("3"), at: 0)
        for k in keys { (s, _) = Reducer.reduce(s, .key(k)) }
        XCTAssertEqual(s.accounts.selected, 18)
        (s, fx) = send(s, .char("j"))
        XCTAssertEqual(accountRequests(fx).map(\.target), [.next(after: first)])
        XCTAssertEqual(s.accounts.selection, .first)
    }

    func testLastPageWaitsForTheCount() throws {
        var (s, fx) = started()
        (s, _) = Reducer.reduce(s, .accountsLoaded(generation: accountRequests(fx)[0].generation, .success(try page(1)), milliseconds: 1))
        (s, fx) = send(s, .char("3"), .char("G"))
        XCTAssertEqual(accountRequests(fx), [])
        XCTAssertTrue(s.accounts.pendingLast)
        (s, fx) = Reducer.reduce(s, .countLoaded(generation: s.accounts.countGeneration, .success(308), milliseconds: 1))
        XCTAssertEqual(accountRequests(fx).map(\.target), [.number(17)])
        XCTAssertEqual(s.accounts.selection, .last)
    }

    func testDrillDownAndBack() throws {
        var (s, fx) = started()
        let first = try page(1)
        (s, _) = Reducer.reduce(s, .accountsLoaded(generation: accountRequests(fx)[0].generation, .success(first), milliseconds: 1))
        (s, fx) = send(s, .char("3"), .enter)
        let row = try XCTUnwrap(first.rows.first)
        guard case let .loadUser(id, gen)? = fx.last else { return XCTFail("no user load: \(fx)") }
        XCTAssertEqual(id, row.userID)
        let detail = try Fixtures.store("default").user(id: id)
        (s, _) = Reducer.reduce(s, .userLoaded(generation: gen, .success(detail), milliseconds: 1))
        XCTAssertEqual(s.accounts.user?.detail.value, detail)
        XCTAssertEqual(detail.accounts[s.accounts.user?.selectedAccount ?? -1].id, row.id, "the account opened from is selected")
        (s, _) = send(s, .enter)
        XCTAssertNotNil(s.accounts.user?.viewer)
        (s, _) = send(s, .char("j"), .escape)
        XCTAssertNil(s.accounts.user?.viewer)
        XCTAssertNotNil(s.accounts.user)
        (s, _) = send(s, .escape)
        XCTAssertNil(s.accounts.user)
        XCTAssertEqual(s.screen, .accounts)
    }

    func testScreensHelpAndQuit() {
        var (s, _) = started()
        var fx: [Effect]
        (s, _) = send(s, .char("2"))
        XCTAssertEqual(s.screen, .providers)
        (s, _) = send(s, .tab)
        XCTAssertEqual(s.screen, .accounts)
        (s, _) = send(s, .tab)
        XCTAssertEqual(s.screen, .dashboard)
        (s, _) = send(s, .backTab)
        XCTAssertEqual(s.screen, .accounts)
        (s, _) = send(s, .char("?"))
        XCTAssertEqual(s.overlay, .help(scroll: 0))
        (s, _) = send(s, .char("j"))
        XCTAssertEqual(s.overlay, .help(scroll: 1))
        (s, fx) = send(s, .char("q"))
        XCTAssertNil(s.overlay, "q closes help first")
        XCTAssertFalse(s.quitting)
        (s, fx) = send(s, .char("q"))
        XCTAssertTrue(s.quitting)
        XCTAssertEqual(fx, [.quit])
    }

    func testCtrlCQuitsFromAnywhere() {
        var (s, _) = started()
        (s, _) = send(s, .char("3"), .char("/"), .char("a"))
        XCTAssertTrue(s.accounts.searchEditing)
        var fx: [Effect]
        (s, fx) = send(s, .ctrl("c"))
        XCTAssertTrue(s.quitting)
        XCTAssertEqual(fx, [.quit])
        (s, _) = started()
        (s, _) = send(s, .char("3"), .char("e"), .char("c"))
        (s, _) = send(s, .ctrl("c"))
        XCTAssertTrue(s.quitting)
    }

    func testTooSmallOnlyQuits() {
        var (s, _) = started(size: TerminalSize(width: 60, height: 20))
        (s, _) = send(s, .char("3"), .char("?"))
        XCTAssertEqual(s.screen, .dashboard)
        XCTAssertNil(s.overlay)
        (s, _) = send(s, .char("q"))
        XCTAssertTrue(s.quitting)
    }

    func testResizeKeepsTheSelectedRow() throws {
        var (s, fx) = started(size: TerminalSize(width: 120, height: 40))
        let first = try page(1, size: 35)
        (s, _) = Reducer.reduce(s, .accountsLoaded(generation: accountRequests(fx)[0].generation, .success(first), milliseconds: 1))
        (s, _) = send(s, .char("3"))
        for _ in 0..<25 { (s, _) = Reducer.reduce(s, .key(.char("j"))) }
        XCTAssertEqual(s.accounts.selected, 25)
        (s, fx) = Reducer.reduce(s, .resize(TerminalSize(width: 80, height: 24)))
        XCTAssertEqual(s.accounts.pageSize, 19)
        // Row 26 is on page 2 of 19-row pages, 7th row.
        XCTAssertEqual(accountRequests(fx).map(\.target), [.number(2)])
        XCTAssertEqual(s.accounts.selection, .row(6))
    }

    func testExportFlowAndOverwriteConfirmation() {
        var (s, _) = started()
        var fx: [Effect]
        (s, _) = send(s, .char("3"), .char("e"))
        XCTAssertEqual(s.overlay, .exportFormat)
        (s, _) = send(s, .char("j"))
        XCTAssertEqual(s.overlay, .exportPath(format: .json, text: "authconsole-accounts-20260615-120000.json"))
        (s, fx) = send(s, .ctrl("u"))
        (s, fx) = send(s, .char("o"), .char("u"), .char("t"), .enter)
        guard case .startExport(let r)? = fx.last else { return XCTFail("no export: \(fx)") }
        XCTAssertEqual(r.path, "out")
        XCTAssertFalse(r.overwrite)
        XCTAssertTrue(s.isBusy)
        (s, _) = Reducer.reduce(s, .exportEnded(id: r.id, .exists(path: "out")))
        XCTAssertEqual(s.overlay, .confirmOverwrite(format: .json, path: "out"))
        (s, fx) = send(s, .char("y"))
        guard case .startExport(let again)? = fx.last else { return XCTFail("no export: \(fx)") }
        XCTAssertTrue(again.overwrite)
        (s, _) = Reducer.reduce(s, .exportProgress(id: again.id, rows: 100))
        XCTAssertEqual(s.export?.rowsWritten, 100)
        (s, fx) = send(s, .char("x"))
        XCTAssertEqual(fx, [.cancelExport(id: again.id)])
        (s, _) = Reducer.reduce(s, .exportEnded(id: again.id, .cancelled(rows: 100)))
        XCTAssertNil(s.export)
        XCTAssertEqual(s.status.flash?.text, "export cancelled after 100 rows; no file written")
    }

    func testProvidersCopyAndWrite() {
        var s = AppState(environment: env(), size: TerminalSize(width: 120, height: 40), providers: SampleProviders.configuration)
        var fx: [Effect]
        (s, fx) = send(s, .char("2"), .char("j"), .char("y"))
        XCTAssertEqual(fx, [.copyToClipboard(text: "https://example.com/accounts/github/login/callback/", what: "callback URL")])
        (s, fx) = send(s, .char("w"))
        guard case .writeSnippet(_, "github")? = fx.first else { return XCTFail("no write: \(fx)") }
        (s, fx) = send(s, .char("j"), .char("w"))
        XCTAssertEqual(s.status.flash?.text, "no settings snippet for this provider")
        var bare = AppState(environment: env(), size: TerminalSize(width: 120, height: 40))
        (bare, fx) = send(bare, .char("2"), .char("y"))
        XCTAssertEqual(bare.status.flash?.text, "no callback URL: provider configuration not read")
    }

    func testDashboardProblemOpensItsProvider() {
        var s = AppState(environment: env(), size: TerminalSize(width: 120, height: 40), providers: SampleProviders.configuration)
        XCTAssertEqual(s.findings.map(\.severity), [.error, .warning, .warning, .info])
        (s, _) = send(s, .char("j"), .enter)
        XCTAssertEqual(s.screen, .providers)
        XCTAssertEqual(s.providerRows[s.providers.selected].id, "github")
    }

    func testFlashFadesThenGoesAndOlderTimersLeaveNewerMessages() {
        var (s, _) = started()
        var fx: [Effect]
        (s, fx) = Reducer.reduce(s, .report("first", isError: false))
        let first = fx.compactMap { if case .schedule(let id, let ms) = $0 { return (id, ms) } else { return nil } }
        guard first.count == 2, case .flashFade(let id1) = first[0].0 else { return XCTFail("timers: \(fx)") }
        XCTAssertEqual(first.map(\.1), [2500, 4000])
        (s, _) = Reducer.reduce(s, .timer(.flashFade(id1)))
        XCTAssertEqual(s.status.flash?.faded, true)
        (s, _) = Reducer.reduce(s, .report("second", isError: true))
        (s, _) = Reducer.reduce(s, .timer(.flashExpiry(id1)))
        XCTAssertEqual(s.status.flash?.text, "second", "the first message's timer leaves the second")
        XCTAssertEqual(s.status.flash?.faded, false)
        let id2 = s.status.flash?.id ?? -1
        (s, _) = Reducer.reduce(s, .timer(.flashExpiry(id2)))
        XCTAssertNil(s.status.flash)
    }
}
