import AuthCore

/// The Social accounts table: the filter line, the header with the sort direction, the rows.
enum AccountsView {
    struct Column {
        let title: String
        let field: AccountSortField
        let key: Character
        var width: Int
        var alignRight = false
    }

    static func columns(_ s: AppState, width: Int) -> [Column] {
        let env = s.environment
        let dateWidth = width >= 120 ? 16 : 10
        let fixed = 9 + dateWidth * 2
        let gaps = 2 + (env.hasUsername ? 6 : 5)
        let flexible = max(12, width - fixed - gaps)
        var cols: [Column] = []
        if env.hasUsername {
            cols.append(Column(title: "USERNAME", field: .username, key: "U", width: flexible * 32 / 100))
            cols.append(Column(title: "EMAIL", field: .email, key: "E", width: flexible * 42 / 100))
        } else {
            cols.append(Column(title: "EMAIL", field: .email, key: "E", width: flexible * 70 / 100))
        }
        cols.append(Column(title: "PROVIDER", field: .provider, key: "P", width: 9))
        let used = cols.reduce(0) { $0 + $1.width }
        cols.append(Column(title: "UID", field: .uid, key: "I", width: max(4, flexible + 9 - used)))
        cols.append(Column(title: "JOINED", field: .date_joined, key: "J", width: dateWidth))
        cols.append(Column(title: "LAST LOGIN", field: .last_login, key: "L", width: dateWidth))
        return cols
    }

    static func cells(_ r: AccountRow, _ s: AppState, wideDates: Bool) -> [String] {
        let date: (UTCDateTime?) -> String = wideDates ? Format.minute : Format.day
        var cells: [String] = []
        if s.environment.hasUsername { cells.append(r.username ?? "—") }
        cells.append(r.email ?? "—")
        cells += [r.provider, r.uid, date(r.dateJoined), date(r.lastLogin)]
        return cells
    }

    static func draw(_ s: AppState, into b: inout ScreenBuffer) {
        let g = s.glyphs
        let a = s.accounts
        let top = Layout.contentTop(b.size)
        guard s.environment.hasSocialAccounts else {
            let text = "This database has no django-allauth tables (socialaccount_socialaccount): there are no social accounts to list."
            for (i, part) in Format.wrap(text, width: b.width - 4).enumerated() { b.put(part, x: 2, y: top + 1 + i, style: .dim) }
            return
        }
        drawFilterLine(s, y: top, into: &b)

        let cols = columns(s, width: b.width)
        var x = 2
        for c in cols {
            var title = c.title
            let sorted = a.sort.field == c.field
            if sorted { title += " " + g.direction(descending: a.sort.descending) }
            b.put(fitting: title, x: x, y: top + 1, width: c.width, style: sorted ? Style(color: .cyan, bold: true, underline: true) : .bold)
            x += c.width + 1
        }

        let firstRowY = top + 2
        guard let page = a.page else {
            b.put(a.loading ? "loading" + g.ellipsis : "", x: 2, y: firstRowY, style: .dim)
            return
        }
        if page.rows.isEmpty {
            b.put("no accounts match" + (a.filter == AccountFilter() ? "" : " (Esc clears the search and filter)"), x: 2, y: firstRowY, style: .dim)
            return
        }
        let wideDates = b.width >= 120
        for (i, row) in page.rows.prefix(a.pageSize).enumerated() {
            let y = firstRowY + i
            guard y < b.height - 2 else { break }
            let selected = i == a.selected
            if selected { b.put(g.pointer, x: 0, y: y, style: .bold) }
            var x = 2
            for (c, text) in zip(cols, cells(row, s, wideDates: wideDates)) {
                b.put(fitting: text, x: x, y: y, width: c.width, alignRight: c.alignRight, style: .plain)
                x += c.width + 1
            }
            if selected {
                b.restyle(x: 2, y: y, width: b.width - 3) { $0.reverse = true }
            }
        }
    }

    /// "Search: …  Provider: …  Sort: …", the search editable after `/`.
    static func drawFilterLine(_ s: AppState, y: Int, into b: inout ScreenBuffer) {
        let g = s.glyphs
        let a = s.accounts
        var x = 1
        if a.searchEditing {
            x += b.put(" / ", x: x, y: y, style: Style(color: .yellow, bold: true))
            let field = min(40, b.width / 2)
            let text = a.searchText
            let shown = DisplayWidth.of(DisplayText.prepare(text)) < field ? text : Format.tail(DisplayText.prepare(text), width: field - 1, ellipsis: g.ellipsis)
            b.fill(x: x, y: y, width: field + 1, style: .reverse)
            let w = b.put(shown, x: x, y: y, maxWidth: field, style: .reverse)
            b.put(g.cursor, x: x + w, y: y, style: Style(bold: true, reverse: true))
            x += field + 3
        } else {
            x += b.put("Search ", x: x, y: y, style: .dim)
            if a.appliedSearch.isEmpty && a.searchText.isEmpty {
                x += b.put("(/ to search)", x: x, y: y, style: .dim)
            } else {
                x += b.put("\"" + a.searchText + "\"", x: x, y: y, maxWidth: min(40, b.width / 2), style: .bold)
            }
            x += 3
        }
        x += b.put("Provider ", x: x, y: y, style: .dim)
        x += b.put(a.provider ?? "all", x: x, y: y, maxWidth: 20, style: a.provider == nil ? .plain : .bold)
        x += 3
        x += b.put("Sort ", x: x, y: y, style: .dim)
        let fieldName: String = {
            switch a.sort.field {
            case .date_joined: return "joined"
            case .last_login: return "last login"
            default: return a.sort.field.rawValue
            }
        }()
        b.put(fieldName + " " + g.direction(descending: a.sort.descending), x: x, y: y, style: .plain)
    }

    /// "rows 1–19 of 308 · page 1 of 17"; the total shows `…` until the count arrives.
    static func rowCounter(_ s: AppState) -> String {
        let g = s.glyphs
        let a = s.accounts
        guard s.environment.hasSocialAccounts else { return "" }
        guard let page = a.page else { return a.loading ? "loading" + g.ellipsis : "" }
        let total = a.count.map { Format.count($0) } ?? (a.counting ? g.ellipsis : "?")
        if page.rows.isEmpty { return "no rows of \(total)" }
        var text = "rows \(Format.count(page.firstRowNumber))\(g.enDash)\(Format.count(page.lastRowNumber)) of \(total)"
        text += " \(g.dot) page \(Format.count(page.number))"
        if let pages = a.pageCount { text += " of \(Format.count(pages))" }
        return text
    }
}
