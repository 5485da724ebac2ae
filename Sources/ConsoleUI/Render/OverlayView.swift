import AuthCore

/// Prompts and panels drawn over the screen.
enum OverlayView {
    static func draw(_ overlay: Overlay, _ s: AppState, into b: inout ScreenBuffer) {
        let g = s.glyphs
        let promptY = b.height - 2
        switch overlay {
        case .help(let scroll):
            HelpView.draw(scroll: scroll, s, into: &b)
        case .providerPicker(let selected):
            let choices: [String?] = [nil] + s.providerChoices.map { Optional($0) }
            let width = min(50, b.width - 4)
            let height = min(choices.count + 2, b.height - 4)
            let x = (b.width - width) / 2
            let y = 2
            box(x: x, y: y, width: width, height: height, title: "Filter by provider", g, into: &b)
            let visible = height - 2
            let first = max(0, min(selected - visible + 1, choices.count - visible))
            for (i, choice) in choices.enumerated().dropFirst(first).prefix(visible) {
                var line = StyledLine()
                line.append(i == selected ? g.pointer + " " : "  ", .bold)
                if let id = choice {
                    line.append(id.padding(24))
                    if let u = s.stats.value?.providers.first(where: { $0.id == id }) {
                        line.append(Format.count(u.accountCount) + " accounts", .dim)
                    } else {
                        line.append("no accounts", .dim)
                    }
                } else {
                    line.append("all providers", .bold)
                }
                line.selected = i == selected
                b.put(line: line, x: x + 1, y: y + 1 + i - first, maxWidth: width - 2)
            }
        case .jumpToPage(let text):
            prompt("Go to page: ", text, hint: s.accounts.pageCount.map { "1\(g.enDash)\(Format.count($0)) \(g.dot) \(g.enter) go \(g.dot) Esc cancel" } ?? "\(g.enter) go \(g.dot) Esc cancel", s, y: promptY, into: &b)
        case .exportFormat:
            let rows = s.accounts.count.map { Format.count($0) + " rows" } ?? "the filtered rows"
            b.fill(y: promptY)
            b.put(line: StyledLine([Span(" Export \(rows) as ", .bold), Span("c", .key), Span(" CSV or ", .bold), Span("j", .key),
                                    Span(" JSON?", .bold), Span("   Esc cancels", .dim)]), x: 0, y: promptY)
        case let .exportPath(format, text):
            prompt("Export \(format.label) to: ", text, hint: "\(g.enter) start \(g.dot) Esc cancel", s, y: promptY, into: &b)
        case let .confirmOverwrite(_, path):
            b.fill(y: promptY)
            b.put(line: StyledLine([Span(" " + path, .error), Span(" already exists. Overwrite it? ", .bold), Span("y", .key), Span("/", .dim),
                                    Span("n", .key)]), x: 0, y: promptY)
        }
    }

    static func prompt(_ label: String, _ text: String, hint: String, _ s: AppState, y: Int, into b: inout ScreenBuffer) {
        let g = s.glyphs
        b.fill(y: y)
        var x = b.put(" " + label, x: 0, y: y, style: .bold)
        let hintWidth = DisplayWidth.of(hint) + 2
        let room = max(4, b.width - x - hintWidth - 2)
        let shown = Format.tail(DisplayText.prepare(text), width: room - 1, ellipsis: g.ellipsis)
        x += b.put(shown, x: x, y: y, maxWidth: room, style: .reverse)
        b.put(g.cursor, x: x, y: y, style: Style(bold: true, reverse: true))
        b.put(hint, x: b.width - hintWidth + 1, y: y, style: .dim)
    }

    /// A bordered, cleared rectangle with a title.
    static func box(x: Int, y: Int, width: Int, height: Int, title: String, _ g: Glyphs, into b: inout ScreenBuffer) {
        guard width >= 4, height >= 2 else { return }
        b.fill(x: x, y: y, width: width, height: height)
        let inner = String(repeating: g.horizontal, count: width - 2)
        b.put(g.cornerTopLeft + inner + g.cornerTopRight, x: x, y: y, style: .accent)
        b.put(g.cornerBottomLeft + inner + g.cornerBottomRight, x: x, y: y + height - 1, style: .accent)
        for row in (y + 1)..<(y + height - 1) {
            b.put(g.vertical, x: x, y: row, style: .accent)
            b.put(g.vertical, x: x + width - 1, y: row, style: .accent)
        }
        b.put(" " + title + " ", x: x + 2, y: y, style: .heading)
    }
}
