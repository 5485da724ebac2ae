import AuthCore

extension Reducer {
    /// Asks for a page (superseding any query still running) and, when the filter changed, a
    /// new count.
    static func queryAccounts(_ target: PageTarget, selection: SelectionIntent, recount: Bool,
                              _ s: inout AppState, _ fx: inout [Effect]) {
        guard s.environment.hasSocialAccounts else { return }
        s.accounts.generation = s.nextSerial()
        s.accounts.loading = true
        s.accounts.selection = selection
        fx.append(.loadAccounts(AccountsRequest(filter: s.accounts.filter, sort: s.accounts.sort, pageSize: s.accounts.pageSize,
                                                target: target, generation: s.accounts.generation)))
        if recount {
            s.accounts.countGeneration = s.nextSerial()
            s.accounts.count = nil
            s.accounts.counting = true
            fx.append(.countAccounts(filter: s.accounts.filter, generation: s.accounts.countGeneration))
        }
    }

    /// Counts the current view again after the data changed under it; the old count stays on
    /// screen until the new one arrives.
    static func recount(_ s: inout AppState, _ fx: inout [Effect]) {
        guard s.environment.hasSocialAccounts else { return }
        s.accounts.countGeneration = s.nextSerial()
        s.accounts.counting = true
        fx.append(.countAccounts(filter: s.accounts.filter, generation: s.accounts.countGeneration))
    }

    static func applySearch(_ s: inout AppState, _ fx: inout [Effect]) {
        guard s.accounts.searchText != s.accounts.appliedSearch else { return }
        s.accounts.appliedSearch = s.accounts.searchText
        s.accounts.pendingLast = false
        queryAccounts(.number(1), selection: .first, recount: true, &s, &fx)
    }

    static func setProvider(_ provider: String?, _ s: inout AppState, _ fx: inout [Effect]) {
        guard provider != s.accounts.provider else { return }
        s.accounts.provider = provider
        s.accounts.pendingLast = false
        queryAccounts(.number(1), selection: .first, recount: true, &s, &fx)
    }

    static func setSort(_ sort: AccountSort, _ s: inout AppState, _ fx: inout [Effect]) {
        s.accounts.sort = sort
        s.accounts.pendingLast = false
        queryAccounts(.number(1), selection: .first, recount: false, &s, &fx)
    }

    /// Text columns sort A→Z first, dates newest first.
    static func defaultSort(_ field: AccountSortField) -> AccountSort {
        AccountSort(field: field, descending: field == .date_joined || field == .last_login)
    }

    static let columnKeys: [Character: AccountSortField] = [
        "U": .username, "E": .email, "P": .provider, "I": .uid, "J": .date_joined, "L": .last_login,
    ]

    // MARK: - Keys

    static func accountsKey(_ k: Key, _ s: inout AppState, _ fx: inout [Effect]) {
        guard s.environment.hasSocialAccounts else { return }
        switch k {
        case .char("/"):
            s.accounts.searchEditing = true
        case .char("p"):
            let choices = s.providerChoices
            let index = s.accounts.provider.flatMap { p in choices.firstIndex(of: p).map { $0 + 1 } } ?? 0
            s.overlay = .providerPicker(selected: index)
        case .char("s"):
            let fields = s.environment.sortFields
            let i = fields.firstIndex(of: s.accounts.sort.field).map { ($0 + 1) % fields.count } ?? 0
            setSort(defaultSort(fields[i]), &s, &fx)
        case .char("S"):
            setSort(s.accounts.sort.flipped, &s, &fx)
        case .char(let c) where columnKeys[c] != nil:
            guard let field = columnKeys[c], s.environment.sortFields.contains(field) else { return }
            setSort(field == s.accounts.sort.field ? s.accounts.sort.flipped : defaultSort(field), &s, &fx)
        case .char("j"), .down:
            moveSelection(1, &s, &fx)
        case .char("k"), .up:
            moveSelection(-1, &s, &fx)
        case .pageDown, .ctrl("d"), .ctrl("f"), .char(" "):
            nextPage(selection: .keep, &s, &fx)
        case .pageUp, .ctrl("u"), .ctrl("b"):
            previousPage(selection: .keep, &s, &fx)
        case .char("g"), .home:
            queryAccounts(.number(1), selection: .first, recount: false, &s, &fx)
        case .char("G"), .end:
            lastPage(&s, &fx)
        case .char(":"):
            s.overlay = .jumpToPage(text: "")
        case .enter:
            guard let row = s.accounts.selectedRow else { return }
            openUser(userID: row.userID, accountID: row.id, &s, &fx)
        case .char("e"):
            if s.export != nil {
                flash("an export is already running (x cancels it)", error: true, &s, &fx)
            } else {
                s.overlay = .exportFormat
            }
        case .escape:
            if !s.accounts.searchText.isEmpty || !s.accounts.appliedSearch.isEmpty {
                s.accounts.searchText = ""
                s.accounts.searchEdit += 1
                applySearch(&s, &fx)
            } else if s.accounts.provider != nil {
                setProvider(nil, &s, &fx)
            } else if s.export != nil {
                cancelExport(&s, &fx)
            }
        default:
            break
        }
    }

    /// Keys while the search line is being edited: text goes into the search, which runs after a
    /// short pause (never waiting for the previous query).
    static func searchKey(_ k: Key, _ s: inout AppState, _ fx: inout [Effect]) {
        var edited = false
        switch k {
        case .char(let c):
            s.accounts.searchText.append(c)
            edited = true
        case .backspace:
            if !s.accounts.searchText.isEmpty { s.accounts.searchText.removeLast(); edited = true }
        case .ctrl("u"):
            s.accounts.searchText = ""
            edited = true
        case .ctrl("w"):
            var t = s.accounts.searchText
            while t.last == " " { t.removeLast() }
            while let last = t.last, last != " " { t.removeLast() }
            s.accounts.searchText = t
            edited = true
        case .enter:
            s.accounts.searchEditing = false
            s.accounts.searchEdit += 1
            applySearch(&s, &fx)
        case .escape:
            s.accounts.searchEditing = false
            s.accounts.searchText = ""
            s.accounts.searchEdit += 1
            applySearch(&s, &fx)
        case .down:
            moveSelection(1, &s, &fx)
        case .up:
            moveSelection(-1, &s, &fx)
        case .pageDown:
            nextPage(selection: .keep, &s, &fx)
        case .pageUp:
            previousPage(selection: .keep, &s, &fx)
        default:
            break
        }
        if edited {
            s.accounts.searchEdit += 1
            fx.append(.schedule(.searchDebounce(s.accounts.searchEdit), milliseconds: searchDebounceMilliseconds))
        }
    }

    static func moveSelection(_ delta: Int, _ s: inout AppState, _ fx: inout [Effect]) {
        guard let page = s.accounts.page, !s.accounts.loading else { return }
        let target = s.accounts.selected + delta
        if target >= page.rows.count {
            if page.hasNext { nextPage(selection: .first, &s, &fx) }
        } else if target < 0 {
            if page.hasPrevious { previousPage(selection: .last, &s, &fx) }
        } else {
            s.accounts.selected = target
        }
    }

    static func nextPage(selection: SelectionIntent, _ s: inout AppState, _ fx: inout [Effect]) {
        guard let page = s.accounts.page, page.hasNext else { return }
        if page.pageSize != s.accounts.pageSize {
            // The window was resized after this page arrived: number pages in the new size.
            queryAccounts(.number(page.lastRowNumber / s.accounts.pageSize + 1), selection: selection, recount: false, &s, &fx)
            return
        }
        queryAccounts(.next(after: page), selection: selection, recount: false, &s, &fx)
    }

    static func previousPage(selection: SelectionIntent, _ s: inout AppState, _ fx: inout [Effect]) {
        guard let page = s.accounts.page, page.hasPrevious else { return }
        if page.pageSize != s.accounts.pageSize {
            let first = max(1, page.firstRowNumber - s.accounts.pageSize)
            queryAccounts(.number((first - 1) / s.accounts.pageSize + 1), selection: selection, recount: false, &s, &fx)
            return
        }
        queryAccounts(.previous(before: page), selection: selection, recount: false, &s, &fx)
    }

    static func lastPage(_ s: inout AppState, _ fx: inout [Effect]) {
        if let pages = s.accounts.pageCount {
            queryAccounts(.number(pages), selection: .last, recount: false, &s, &fx)
        } else {
            s.accounts.pendingLast = true
            flash("still counting: the last page opens when the count arrives", error: false, &s, &fx)
        }
    }

    static func jumpToPage(_ text: String, _ s: inout AppState, _ fx: inout [Effect]) {
        guard let n = Int(text.trimmedSpaces), n >= 1 else {
            flash("type a page number from 1\(s.accounts.pageCount.map { " to \($0)" } ?? "")", error: true, &s, &fx)
            return
        }
        if let pages = s.accounts.pageCount, n > pages {
            flash("page \(n) is past the last page (\(pages))", error: true, &s, &fx)
            return
        }
        queryAccounts(.number(n), selection: .first, recount: false, &s, &fx)
    }

    // MARK: - Results

    static func accountsLoaded(_ generation: Int, _ result: Result<AccountPage, EffectFailure>, _ ms: Int,
                               _ s: inout AppState, _ fx: inout [Effect]) {
        guard generation == s.accounts.generation else { return }
        s.accounts.loading = false
        switch result {
        case .success(let page):
            s.status.lastQueryMilliseconds = ms
            if page.rows.isEmpty, page.number > 1 {
                flash("page \(page.number) is past the last page", error: true, &s, &fx)
                return
            }
            let previousSelected = s.accounts.selected
            s.accounts.page = page
            let last = max(0, page.rows.count - 1)
            switch s.accounts.selection {
            case .first: s.accounts.selected = 0
            case .last: s.accounts.selected = last
            case .keep: s.accounts.selected = min(previousSelected, last)
            case .row(let r): s.accounts.selected = min(max(0, r), last)
            }
        case .failure(let f):
            if !f.cancelled { flash(f.message, error: true, &s, &fx) }
        }
    }

    static func countLoaded(_ generation: Int, _ result: Result<Int, EffectFailure>, _ ms: Int,
                            _ s: inout AppState, _ fx: inout [Effect]) {
        guard generation == s.accounts.countGeneration else { return }
        s.accounts.counting = false
        switch result {
        case .success(let n):
            s.accounts.count = n
            if s.accounts.pendingLast {
                s.accounts.pendingLast = false
                lastPage(&s, &fx)
            }
        case .failure(let f):
            if !f.cancelled { flash(f.message, error: true, &s, &fx) }
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        var t = Substring(self)
        while let f = t.first, f == " " || f == "\t" { t.removeFirst() }
        while let l = t.last, l == " " || l == "\t" { t.removeLast() }
        return String(t)
    }
}
