import AuthCore

extension Reducer {
    static func openUser(userID: Int64, accountID: Int64, _ s: inout AppState, _ fx: inout [Effect]) {
        let previous = s.accounts.user?.userID == userID ? s.accounts.user : nil
        var user = UserState(userID: userID, accountID: accountID, generation: s.nextSerial())
        user.detail = .loading(previous: previous?.detail.value)
        if let previous {
            user.selectedAccount = previous.selectedAccount
            user.scroll = previous.scroll
        }
        s.accounts.user = user
        fx.append(.loadUser(id: userID, generation: user.generation))
    }

    static func userLoaded(_ generation: Int, _ result: Result<UserDetail, EffectFailure>, _ ms: Int,
                           _ s: inout AppState, _ fx: inout [Effect]) {
        guard var user = s.accounts.user, user.generation == generation else { return }
        switch result {
        case .success(let detail):
            s.status.lastQueryMilliseconds = ms
            let fresh = user.detail.value == nil
            user.detail = .loaded(detail)
            if fresh, let i = detail.accounts.firstIndex(where: { $0.id == user.accountID }) {
                user.selectedAccount = i
            }
            user.selectedAccount = min(user.selectedAccount, max(0, detail.accounts.count - 1))
            s.accounts.user = user
            if fresh { keepAccountVisible(&s) }
        case .failure(let f):
            if f.cancelled { return }
            user.detail = .failed(f.message, previous: user.detail.value)
            s.accounts.user = user
            flash(f.message, error: true, &s, &fx)
        }
    }

    /// Keys on the user page and its extra_data viewer. Returns false for keys it leaves to the
    /// screen-independent handling (screens, help, refresh, quit).
    static func userKey(_ k: Key, _ s: inout AppState, _ fx: inout [Effect]) -> Bool {
        guard var user = s.accounts.user else { return false }
        if var viewer = user.viewer {
            let page = max(1, Layout.panelBodyHeight(s.size))
            let bottom = max(0, viewer.lines.count - page)
            switch k {
            case .escape, .backspace:
                user.viewer = nil
            case .char("h") where viewer.left == 0:
                user.viewer = nil
            case .left where viewer.left == 0:
                user.viewer = nil
            case .char("j"), .down: viewer.top = min(bottom, viewer.top + 1)
            case .char("k"), .up: viewer.top = max(0, viewer.top - 1)
            case .pageDown, .char(" "), .ctrl("d"), .ctrl("f"): viewer.top = min(bottom, viewer.top + page)
            case .pageUp, .ctrl("u"), .ctrl("b"): viewer.top = max(0, viewer.top - page)
            case .char("g"), .home: viewer.top = 0
            case .char("G"), .end: viewer.top = bottom
            case .char("l"), .right: viewer.left += 8
            case .char("h"), .left: viewer.left = max(0, viewer.left - 8)
            case .char("0"): viewer.left = 0
            default: return false
            }
            if user.viewer != nil { user.viewer = viewer }
            s.accounts.user = user
            return true
        }
        let accounts = user.detail.value?.accounts ?? []
        switch k {
        case .escape, .backspace, .left, .char("h"):
            s.accounts.user = nil
        case .char("j"), .down:
            user.selectedAccount = min(max(0, accounts.count - 1), user.selectedAccount + 1)
            s.accounts.user = user
            keepAccountVisible(&s)
        case .char("k"), .up:
            user.selectedAccount = max(0, user.selectedAccount - 1)
            s.accounts.user = user
            keepAccountVisible(&s)
        case .pageDown, .char(" "), .ctrl("d"), .ctrl("f"):
            scrollUser(by: Layout.panelBodyHeight(s.size), &s)
        case .pageUp, .ctrl("u"), .ctrl("b"):
            scrollUser(by: -Layout.panelBodyHeight(s.size), &s)
        case .char("g"), .home:
            user.scroll = 0
            s.accounts.user = user
        case .char("G"), .end:
            scrollUser(by: Int.max / 2, &s)
        case .enter, .char("x"):
            guard user.selectedAccount < accounts.count else { return true }
            let account = accounts[user.selectedAccount]
            user.viewer = ExtraDataViewer(accountID: account.id, provider: account.provider, summary: account.extraData.summary,
                                          lines: ExtraDataFormatter.lines(account.extraData))
            s.accounts.user = user
        case .char("1"), .char("2"), .char("3"), .tab, .backTab, .char("?"), .char("q"), .char("r"), .ctrl("r"), .function(1):
            return false
        default:
            break
        }
        return true
    }

    static func scrollUser(by delta: Int, _ s: inout AppState) {
        guard var user = s.accounts.user, let detail = user.detail.value else { return }
        let lines = UserView.lines(detail, state: user, width: s.size.width, glyphs: s.glyphs)
        let bottom = max(0, lines.lines.count - Layout.panelBodyHeight(s.size))
        user.scroll = min(bottom, max(0, user.scroll + delta))
        s.accounts.user = user
    }

    /// Scrolls the user page so the selected linked account is in view.
    static func keepAccountVisible(_ s: inout AppState) {
        guard var user = s.accounts.user, let detail = user.detail.value else { return }
        let lines = UserView.lines(detail, state: user, width: s.size.width, glyphs: s.glyphs)
        guard let range = lines.selectedRange else { return }
        let height = Layout.panelBodyHeight(s.size)
        if range.lowerBound < user.scroll { user.scroll = range.lowerBound }
        if range.upperBound > user.scroll + height { user.scroll = min(range.lowerBound, range.upperBound - height) }
        s.accounts.user = user
    }
}
