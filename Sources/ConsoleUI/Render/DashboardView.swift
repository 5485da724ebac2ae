import AuthCore

/// The dashboard: the widget's six figures plus active users and the OAuth share, signups per
/// day, per-provider bars, and one line per configuration problem.
enum DashboardView {
    static func draw(_ s: AppState, into b: inout ScreenBuffer) {
        let g = s.glyphs
        let bottom = b.height - 3
        var y = 2
        guard let stats = s.stats.value else {
            let text = s.stats.error.map { "could not read the dashboard: " + $0 } ?? "loading the dashboard" + g.ellipsis
            b.put(text, x: 2, y: y, style: s.stats.error == nil ? .dim : .error)
            return
        }
        b.put("As of \(Format.second(stats.now)) \(g.dot) users in \(s.environment.userTable)", x: 2, y: 1, style: .dim)

        // The widget's six figures plus active users and the OAuth share (and linked accounts
        // when wide): two columns of four, or three of three.
        let share = stats.totalUsers > 0 ? Percent.format(stats.oauthUsers, of: stats.totalUsers) : "n/a"
        let linked = stats.providers.reduce(0) { $0 + $1.accountCount }
        let figures: [[(String, String)]]
        if b.width >= 110 {
            figures = [
                [("Total users", Format.count(stats.totalUsers)), ("New in 7 days", Format.count(stats.new7d)), ("Active users", Format.count(stats.active))],
                [("Staff", Format.count(stats.staff)), ("Superusers", Format.count(stats.superusers)), ("Providers configured", Format.count(stats.providersConfigured))],
                [("OAuth users", Format.count(stats.oauthUsers)), ("OAuth share", share), ("Linked accounts", Format.count(linked))],
            ]
        } else {
            figures = [
                [("Total users", Format.count(stats.totalUsers)), ("New in 7 days", Format.count(stats.new7d)), ("Staff", Format.count(stats.staff)),
                 ("Superusers", Format.count(stats.superusers))],
                [("OAuth users", Format.count(stats.oauthUsers)), ("Providers configured", Format.count(stats.providersConfigured)),
                 ("Active users", Format.count(stats.active)), ("OAuth share", share)],
            ]
        }
        let colWidth = min(36, (b.width - 4) / figures.count)
        let valueWidth = 10
        for (c, column) in figures.enumerated() {
            for (r, figure) in column.enumerated() {
                let x = 2 + c * (colWidth + 2)
                b.put(figure.0, x: x, y: y + r, maxWidth: colWidth - valueWidth - 1)
                b.put(fitting: figure.1, x: x + colWidth - valueWidth, y: y + r, width: valueWidth, alignRight: true, style: .bold)
            }
        }
        y += (figures.map(\.count).max() ?? 0) + 1

        // Signups per day.
        if !stats.signupsPerDay.isEmpty {
            var windows = [30]
            if b.width >= 100, stats.signupsPerDay.count >= 90 { windows.append(90) }
            for days in windows where y + 1 < bottom {
                let series = stats.signups(lastDays: days)
                let total = series.reduce(0) { $0 + $1.count }
                let peak = series.map(\.count).max() ?? 0
                let first = series.first.map { $0.date.description } ?? ""
                let last = series.last.map { $0.date.description } ?? ""
                b.put("Signups per day, last \(days) days: \(Format.count(total)) (peak \(Format.count(peak))/day, \(first) to \(last))",
                      x: 2, y: y, style: .heading)
                b.put(Sparkline.render(series.map(\.count), ascii: !g.unicode), x: 2, y: y + 1, style: .accent)
                y += 3
            }
        }

        // Providers: linked accounts and active users.
        if !stats.providers.isEmpty, y + 1 < bottom {
            let nameWidth = min(16, max(8, stats.providers.map { DisplayWidth.of(DisplayText.prepare($0.id)) }.max() ?? 8))
            let barWidth = max(6, (b.width - 2 - nameWidth - 2 - 9 - 2 - 9 - 2) / 2)
            let activeX = 2 + nameWidth + 2 + barWidth + 9 + 2
            b.put("Provider", x: 2, y: y, style: .heading)
            b.put("Linked accounts", x: 2 + nameWidth + 2, y: y, style: .heading)
            b.put("Active users, 30 days", x: activeX, y: y, style: .heading)
            y += 1
            let topLinked = stats.providers.map(\.accountCount).max() ?? 0
            let topActive = stats.providers.compactMap(\.activeUsers30d).max() ?? 0
            let shown = stats.providers.count
            var room = max(1, bottom - y - problemLines(s, width: b.width) - 1)
            if shown == room + 1 { room = shown }
            for p in stats.providers.prefix(room) where y < bottom {
                b.put(fitting: p.id, x: 2, y: y, width: nameWidth)
                let x1 = 2 + nameWidth + 2
                b.put(bar(p.accountCount, of: topLinked, width: barWidth, g), x: x1, y: y, style: .accent)
                b.put(fitting: Format.count(p.accountCount), x: x1 + barWidth, y: y, width: 9, alignRight: true)
                if let active = p.activeUsers30d {
                    b.put(bar(active, of: topActive, width: barWidth, g), x: activeX, y: y, style: .good)
                    b.put(fitting: Format.count(active), x: activeX + barWidth, y: y, width: 9, alignRight: true)
                } else {
                    b.put("n/a", x: activeX, y: y, style: .dim)
                }
                y += 1
            }
            if shown > room, room > 0, y < bottom {
                b.put("\(shown - room) more on the Providers screen (2)", x: 2, y: y, style: .dim)
                y += 1
            }
            y += 1
        }

        drawProblems(s, from: y, to: bottom, into: &b)
    }

    /// Lines the configuration section wants: its heading, up to three problems (the list
    /// scrolls), and the schema notes.
    static func problemLines(_ s: AppState, width: Int) -> Int {
        1 + min(3, max(1, s.findings.count)) + s.environment.limitations.reduce(0) { $0 + Format.wrap("note: " + $1, width: width - 6).count }
    }



    /// "Configuration": one line per finding (selectable: Enter opens the provider), or why
    /// there are none to show; then what this schema cannot show.
    static func drawProblems(_ s: AppState, from top: Int, to bottom: Int, into b: inout ScreenBuffer) {
        let g = s.glyphs
        var y = top
        guard y < bottom else { return }
        b.put("Configuration", x: 2, y: y, style: .heading)
        y += 1
        let findings = s.findings
        if s.providers.configuration == nil {
            if y < bottom { b.put("\(g.info) provider configuration not read", x: 4, y: y, style: .dim); y += 1 }
        } else if findings.isEmpty {
            if y < bottom { b.put("\(g.ok) no problems found", x: 4, y: y, style: .good); y += 1 }
        } else {
            let room = bottom - y - s.environment.limitations.count
            let start = max(0, min(s.dashboardSelection - max(0, room - 1), findings.count - max(1, room)))
            for (i, f) in findings.enumerated().dropFirst(start).prefix(max(1, room)) where y < bottom {
                var line = StyledLine()
                let (mark, style) = severityMark(f.severity, g)
                line.append(mark + " ", style)
                line.append(f.severity.rawValue.padding(8), style)
                if let p = f.providerID { line.append(p + ": ", .bold) }
                line.append(f.message)
                line.selected = i == s.dashboardSelection && s.screen == .dashboard
                b.put(line: line, x: 4, y: y, maxWidth: b.width - 6)
                y += 1
            }
        }
        for note in s.environment.limitations {
            for part in Format.wrap("note: " + note, width: b.width - 6) where y < bottom {
                b.put(part, x: 4, y: y, style: .dim)
                y += 1
            }
        }
    }

    static func severityMark(_ severity: Severity, _ g: Glyphs) -> (String, Style) {
        switch severity {
        case .error: return (g.error, .error)
        case .warning: return (g.warning, .warning)
        case .info: return (g.info, .accent)
        }
    }

    /// A horizontal bar of `value / top` in `width` columns, with eighth-blocks at the end.
    static func bar(_ value: Int, of top: Int, width: Int, _ g: Glyphs) -> String {
        guard top > 0, value > 0, width > 0 else { return "" }
        let eighths = max(1, value * width * 8 / top)
        let full = eighths / 8
        let rest = eighths % 8
        var s = String(repeating: g.barFull, count: full)
        if rest > 0, full < width { s += g.eighths[rest - 1] }
        return s
    }
}

extension String {
    /// Prepared for display (`DisplayText.prepare`) and padded with spaces to `width` columns
    /// (never cut).
    func padding(_ width: Int) -> String {
        let text = DisplayText.prepare(self)
        let w = DisplayWidth.of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }
}
