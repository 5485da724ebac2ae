import AuthCore

/// The Providers screen: a list (status badge, linked accounts, masked client ID) and the
/// selected provider's detail. Side by side when wide, stacked otherwise.
enum ProvidersView {
    static func draw(_ s: AppState, into b: inout ScreenBuffer) {
        let g = s.glyphs
        let rows = s.providerRows
        let size = b.size
        let top = Layout.contentTop(size)
        if rows.isEmpty {
            let text = s.stats.isLoading ? "loading" + g.ellipsis : "no providers: no social apps in the database and no accounts"
            b.put(text, x: 2, y: top + 1, style: .dim)
            if s.providers.configuration == nil { b.put("provider configuration not read", x: 2, y: top + 2, style: .dim) }
            return
        }
        let selected = min(s.providers.selected, rows.count - 1)
        let listWidth: Int
        let listHeight: Int
        let detailX: Int
        let detailY: Int
        if Layout.providersSideBySide(size) {
            listWidth = Layout.providerListWidth(size)
            listHeight = Layout.contentHeight(size)
            detailX = listWidth + 2
            detailY = top
            for y in top..<(top + listHeight) { b.put(g.vertical, x: listWidth, y: y, style: .dim) }
        } else {
            listWidth = size.width
            listHeight = Layout.providerListHeight(size, rows: rows.count)
            detailX = 1
            detailY = top + listHeight + 1
            b.put(String(repeating: g.horizontal, count: size.width), x: 0, y: top + listHeight, style: .dim)
        }
        drawList(rows, selected: selected, s, x: 0, y: top, width: listWidth, height: listHeight, into: &b)

        let width = Layout.providerDetailWidth(size)
        let height = Layout.providerDetailHeight(size, rows: rows.count)
        let lines = ProviderDetailView.lines(rows[selected], state: s, width: width)
        let scroll = min(s.providers.detailScroll, max(0, lines.count - height))
        for (i, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            b.put(line: line, x: detailX, y: detailY + i, maxWidth: width)
        }
        if lines.count > scroll + height {
            let more = " \(g.descending) more (PgDn) "
            b.put(more, x: detailX + max(0, width - DisplayWidth.of(more)), y: detailY + height - 1, style: .reverse)
        }
    }

    static func drawList(_ rows: [ProviderRow], selected: Int, _ s: AppState, x: Int, y: Int, width: Int, height: Int,
                         into b: inout ScreenBuffer) {
        let wide = width >= 60
        let badgeWidth = 11
        let idWidth = wide ? 16 : max(8, width - badgeWidth - 8 - 4)
        let linkedWidth = 8
        var header = StyledLine()
        header.append(" " + "STATUS".padding(badgeWidth), .bold)
        header.append("PROVIDER".padding(idWidth + 1), .bold)
        header.append("LINKED".padding(linkedWidth + 1), .bold)
        if wide { header.append("NAME".padding(16) + " CLIENT ID", .bold) }
        b.put(line: header, x: x, y: y, maxWidth: width)
        let visible = max(1, height - 1)
        let first = max(0, min(selected - visible + 1, rows.count - visible))
        for (i, row) in rows.enumerated().dropFirst(first).prefix(visible) {
            var line = StyledLine()
            let (badge, style) = statusBadge(row)
            line.append(" ")
            line.append(badge.padding(badgeWidth), style)
            line.append(fit(row.id, idWidth) + " ")
            let linked: Int? = {
                switch row {
                case .entry(let e): return e.usage?.accountCount ?? usage(e.id, s)?.accountCount ?? 0
                case .usageOnly(let u): return u.accountCount
                }
            }()
            line.append(fit(Format.count(linked), linkedWidth, right: true) + " ")
            if wide {
                switch row {
                case .entry(let e):
                    line.append(fit(e.label.isEmpty ? e.name : e.label, 16) + " ")
                    line.append(e.clientIDMasked ?? "—", .dim)
                case .usageOnly:
                    line.append(fit("", 16) + " ")
                    line.append("—", .dim)
                }
            }
            line.selected = i == selected
            b.put(line: line, x: x, y: y + 1 + i - first, maxWidth: width)
        }
    }

    static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        DisplayWidth.fit(DisplayText.prepare(text), to: width, alignRight: right)
    }

    static func usage(_ id: String, _ s: AppState) -> ProviderUsage? {
        s.stats.value?.providers.first { $0.id == id }
    }

    static func statusBadge(_ row: ProviderRow) -> (String, Style) {
        switch row {
        case .usageOnly: return ("accounts", .dim)
        case .entry(let e):
            switch e.status {
            case .ready: return ("ready", .good)
            case .missingCredentials: return ("no-creds", .error)
            case .environmentUnset: return ("env-unset", .error)
            case .invisible: return ("invisible", .warning)
            case .duplicated: return ("duplicated", .warning)
            case .notInstalled: return ("not-inst.", .warning)
            }
        }
    }
}

/// The detail pane's lines for one provider (pure, so the reducer can size its scrolling).
enum ProviderDetailView {
    static func lines(_ row: ProviderRow, state s: AppState, width: Int) -> [StyledLine] {
        let g = s.glyphs
        let labelWidth = 12
        let valueWidth = max(10, width - labelWidth - 1)
        var out: [StyledLine] = []
        func field(_ label: String, _ value: String, _ style: Style = .plain) {
            let parts = Format.wrap(value, width: valueWidth)
            for (i, part) in parts.enumerated() {
                out.append(StyledLine([Span((i == 0 ? label : "").padding(labelWidth) + " ", .dim), Span(part, style)]))
            }
        }
        /// People copy URLs off the screen: one that does not fit beside its label gets a line
        /// of its own from the pane's edge, so it breaks only when it is wider than the pane.
        func urlField(_ label: String, _ url: String?) {
            guard let url, DisplayWidth.of(DisplayText.prepare(url)) > valueWidth else { field(label, url ?? "—"); return }
            out.append(StyledLine(label, .dim))
            for part in Format.wrap(url, width: max(10, width)) { out.append(StyledLine(part, .plain)) }
        }
        /// A URL on a line of its own: at `indent` when it fits there, else from the pane's edge.
        func urlLine(_ url: String, indent: Int) {
            let w = DisplayWidth.of(DisplayText.prepare(url))
            let at = w <= width - indent ? indent : 0
            for part in Format.wrap(url, width: max(10, width - at)) {
                out.append(StyledLine(String(repeating: " ", count: at) + part, .plain))
            }
        }
        func heading(_ text: String) {
            out.append(.empty)
            out.append(StyledLine(text, .heading))
        }
        /// Wrapped text; continuation lines are indented by `hanging` more columns. They continue
        /// from the text after the first line (re-joining its wrapped pieces would put a space
        /// inside a word that was cut, such as a long URL).
        func paragraph(_ text: String, indent: Int = 2, hanging: Int = 0, _ style: Style = .plain) {
            let prepared = DisplayText.prepare(text)
            let first = Format.wrap(prepared, width: max(10, width - indent))
            guard let head = first.first else { return }
            out.append(StyledLine(String(repeating: " ", count: indent) + head, style))
            var rest = Substring(prepared).dropFirst(head.count)
            if rest.first == " " { rest = rest.dropFirst() }
            guard !rest.isEmpty else { return }
            for part in Format.wrap(String(rest), width: max(10, width - indent - hanging)) {
                out.append(StyledLine(String(repeating: " ", count: indent + hanging) + part, style))
            }
        }
        func usageLine(_ u: ProviderUsage?) {
            guard let u else { field("Usage", "no accounts", .dim); return }
            var text = "\(Format.count(u.accountCount)) linked"
            if let a = u.activeUsers30d { text += " \(g.dot) \(Format.count(a)) active (30 days)" }
            text += " \(g.dot) \(Format.count(u.providerLogins30d)) signed in through it (30 days)"
            text += " \(g.dot) last linked \(Format.minute(u.lastLinked))"
            field("Usage", text)
        }

        switch row {
        case .usageOnly(let u):
            out.append(StyledLine([Span(u.id, .bold), Span(" \(g.dot) seen in socialaccount_socialaccount", .dim)]))
            usageLine(u)
            out.append(.empty)
            paragraph("provider configuration not read: settings (SOCIALACCOUNT_PROVIDERS) and social apps are not shown yet, so there are no callback URLs, scopes or setup steps here.", indent: 0, .dim)

        case .entry(let e):
            let (badge, badgeStyle) = ProvidersView.statusBadge(row)
            out.append(StyledLine([Span(e.label.isEmpty ? e.name : e.label, .bold), Span(" (\(e.id)) \(g.dot) \(e.kind) \(g.dot) ", .dim),
                                   Span(badge, badgeStyle)]))
            field("Source", e.source)
            urlField("Callback", e.callbackURL)
            urlField("Login", e.loginURL)
            for note in e.urlNotes { field("", note, .dim) }
            field("Client ID", e.clientIDMasked ?? "—")
            field("Secret", e.secret.description, e.secret.keyword == "set" ? .plain : .error)
            field("Scopes", e.scopes.isEmpty ? "(provider default)" : e.scopes.joined(separator: " "))
            let missing = e.recommendedScopes.filter { !e.scopes.contains($0) }
            if !e.recommendedScopes.isEmpty {
                field("", "recommended: " + e.recommendedScopes.joined(separator: " ") + (missing.isEmpty || e.scopes.isEmpty ? "" : " (missing: \(missing.joined(separator: " ")))"),
                      missing.isEmpty || e.scopes.isEmpty ? .dim : .warning)
            }
            usageLine(e.usage ?? ProvidersView.usage(e.id, s))
            if !e.warnings.isEmpty {
                heading("Problems")
                for w in e.warnings {
                    let (mark, style) = DashboardView.severityMark(w.severity, g)
                    let parts = Format.wrap(w.message, width: max(10, width - 4))
                    for (i, part) in parts.enumerated() {
                        out.append(StyledLine([Span(i == 0 ? "  " + mark + " " : "    ", style), Span(part)]))
                    }
                    paragraph("fix: " + w.fix, indent: 4, .dim)
                    if let loc = w.location { paragraph("at " + loc, indent: 4, .dim) }
                }
            }
            heading("Setup")
            var step = 1
            if let console = e.developerConsoleURL {
                paragraph("\(step). open the developer console:", hanging: 3)
                urlLine(console, indent: 5)
                step += 1
            }
            if let cb = e.callbackURL {
                paragraph("\(step). register this redirect URI:", hanging: 3)
                urlLine(cb, indent: 5)
                step += 1
            }
            paragraph("\(step). put the client ID and secret in the settings (snippet below) or a social app", hanging: 3)
            if let snippet = s.providers.configuration?.snippets[e.id] {
                heading("Settings snippet  (Y copies, w writes it to a file)")
                for line in snippet.split(separator: "\n", omittingEmptySubsequences: false) {
                    out.append(StyledLine("  " + String(line), .accent))
                }
            }
        }
        return out
    }
}
