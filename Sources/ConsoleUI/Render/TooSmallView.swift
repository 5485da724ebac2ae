/// The screen for a terminal below 80x24: what is needed, what there is, and that q quits.
enum TooSmallView {
    static func draw(size: TerminalSize, into b: inout ScreenBuffer) {
        let lines = ["authconsole needs \(TerminalSize.minimum), have \(size)", "enlarge the window, or press q to quit"]
        let top = max(0, b.height / 2 - 1)
        for (i, line) in lines.enumerated() where top + i < b.height {
            let w = min(b.width, DisplayWidth.of(line))
            b.put(line, x: max(0, (b.width - w) / 2), y: top + i, style: i == 0 ? .bold : .plain)
        }
    }
}
