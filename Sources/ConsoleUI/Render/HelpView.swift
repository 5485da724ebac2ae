/// The help panel: every key binding, scrollable, over the current screen.
enum HelpView {
    static func lines(_ g: Glyphs) -> [StyledLine] {
        var out: [StyledLine] = []
        for (i, section) in KeyBindings.sections(g).enumerated() {
            if i > 0 { out.append(.empty) }
            out.append(StyledLine(section.title, .heading))
            for k in section.keys {
                out.append(StyledLine([Span("  " + k.keys.padding(28), .key), Span(k.action)]))
            }
        }
        return out
    }

    static func lineCount(glyphs: Glyphs) -> Int { lines(glyphs).count }

    static func frame(_ size: TerminalSize) -> (x: Int, y: Int, width: Int, height: Int) {
        let width = min(100, size.width - 4)
        let height = size.height - 4
        return ((size.width - width) / 2, 1, width, height)
    }

    static func bodyHeight(_ size: TerminalSize) -> Int { max(1, frame(size).height - 2) }

    static func draw(scroll: Int, _ s: AppState, into b: inout ScreenBuffer) {
        let f = frame(b.size)
        let all = lines(s.glyphs)
        let height = bodyHeight(b.size)
        let first = min(scroll, max(0, all.count - height))
        OverlayView.box(x: f.x, y: f.y, width: f.width, height: f.height, title: "Keys", s.glyphs, into: &b)
        for (i, line) in all.dropFirst(first).prefix(height).enumerated() {
            b.put(line: line, x: f.x + 2, y: f.y + 1 + i, maxWidth: f.width - 4)
        }
        let footer = all.count > height ? " j/k scroll \(s.glyphs.dot) Esc close \(s.glyphs.dot) \(first + 1)\(s.glyphs.enDash)\(min(all.count, first + height)) of \(all.count) " : " Esc close "
        b.put(footer, x: f.x + f.width - DisplayWidth.of(footer) - 2, y: f.y + f.height - 1, style: .dim)
    }
}
