/// The parts around every screen: the tab bar, the key hints and the status bar.
enum Chrome {
    static func drawTabs(_ s: AppState, into b: inout ScreenBuffer) {
        b.fill(y: 0, style: .reverse)
        var x = b.put(" authconsole ", x: 0, y: 0, style: Style(bold: true, reverse: true))
        for screen in ScreenID.allCases {
            let label = " \(screen.rawValue) \(screen.title) "
            let current = screen == s.screen
            x += b.put(label, x: x, y: 0, style: current ? Style(color: .cyan, bold: true) : .reverse)
        }
        let right = " ? help "
        let rw = DisplayWidth.of(right)
        if x + rw < b.width { b.put(right, x: b.width - rw, y: 0, style: .reverse) }
    }

    /// Key hints for the current screen (the accounts screen puts its row counter first).
    static func drawHints(_ s: AppState, into b: inout ScreenBuffer) {
        let y = b.height - 2
        b.fill(y: y)
        let g = s.glyphs
        var hints: [(String, String)]
        var left = ""
        switch s.screen {
        case .dashboard:
            hints = [("1-3", "screens"), ("j/k", "problem"), (g.enter, "open"), ("r", "refresh"), ("?", "help"), ("q", "quit")]
        case .providers:
            hints = [("j/k", "select"), (g.enter, "accounts"), ("y", "copy callback"), ("Y", "copy snippet"), ("w", "write snippet"), ("?", "help")]
        case .accounts:
            if let user = s.accounts.user {
                if user.viewer != nil {
                    hints = [("j/k", "scroll"), ("h/l", "left/right"), ("g/G", "top/end"), ("Esc", "back"), ("?", "help")]
                } else {
                    hints = [("j/k", "account"), (g.enter, "extra_data"), ("PgUp/PgDn", "scroll"), ("Esc", "back"), ("?", "help")]
                }
            } else if s.accounts.searchEditing {
                hints = [(g.enter, "done"), ("Esc", "clear"), ("Ctrl-U", "erase")]
                left = AccountsView.rowCounter(s)
            } else if !s.environment.hasSocialAccounts {
                hints = [("1-3", "screens"), ("?", "help"), ("q", "quit")]
            } else {
                hints = [("/", "search"), ("p", "provider"), ("s", "sort"), (g.enter, "open"), ("e", "export"), ("?", "help")]
                left = AccountsView.rowCounter(s)
            }
        }
        var x = 1
        if !left.isEmpty { x += b.put(left, x: 1, y: y, style: .bold) + 3 }
        let hintWidth = hints.reduce(0) { $0 + DisplayWidth.of($1.0) + DisplayWidth.of($1.1) + 3 }
        x = max(x, b.width - hintWidth - 1)
        for (key, action) in hints {
            let w = DisplayWidth.of(key) + DisplayWidth.of(action) + 1
            guard x + w < b.width else { break }
            x += b.put(key, x: x, y: y, style: .key)
            x += b.put(" " + action + "  ", x: x, y: y, style: .dim)
        }
    }

    /// Database, last query time, the flash message or export progress, and the idle marker
    /// (`ready` / `working…`) that scripts and tests wait on.
    static func drawStatus(_ s: AppState, into b: inout ScreenBuffer) {
        let y = b.height - 1
        b.fill(y: y, style: .reverse)
        let g = s.glyphs
        let marker = s.isBusy ? g.working : "ready"
        let markerText = " " + marker + " "
        let markerWidth = DisplayWidth.of(markerText)
        b.put(markerText, x: b.width - markerWidth, y: y, style: Style(bold: true, reverse: true))
        let room = b.width - markerWidth - 1
        // A message takes precedence: the database name shrinks and the query time goes, so an
        // error keeps its end ("try again", the fix) on screen.
        let flash = s.status.flash
        let db = Format.tail(DisplayText.prepare(s.environment.databaseName), width: min(36, room / (flash == nil ? 3 : 5)), ellipsis: g.ellipsis)
        var x = b.put(" " + db, x: 0, y: y, maxWidth: room, style: .reverse)
        if let ms = s.status.lastQueryMilliseconds, flash == nil {
            x += b.put(" \(g.separator) query \(ms) ms", x: x, y: y, maxWidth: room - x, style: .reverse)
        }
        if let export = s.export {
            let total = export.request.expectedRows
            var text = " \(g.separator) exporting \(export.request.format.label) \(Format.count(export.rowsWritten))"
            if let total, total > 0 {
                text += "/\(Format.count(total)) rows (\(min(100, export.rowsWritten * 100 / total))%)"
            } else {
                text += " rows"
            }
            text += export.cancelling ? ", cancelling" : " \(g.dot) x cancels"
            x += b.put(text, x: x, y: y, maxWidth: room - x, style: Style(bold: true, reverse: true))
        }
        if let flash = s.status.flash {
            var style = flash.kind == .error ? Style(color: .red, bold: true, reverse: true) : Style(bold: true, reverse: true)
            if flash.faded {
                style.bold = false
                style.dim = true
            }
            let lead = " \(g.separator) "
            let text = Format.middle(DisplayText.prepare(flash.text), width: room - x - DisplayWidth.of(lead), ellipsis: g.ellipsis)
            b.put(lead + text, x: x, y: y, maxWidth: room - x, style: style)
        }
    }
}
