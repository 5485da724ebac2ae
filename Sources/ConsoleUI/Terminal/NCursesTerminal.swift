import AuthCore
import CNCurses
#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not be started.
public struct TerminalError: UserFacingError {
    public let message: String
}

/// The ncurses (ncursesw) driver: wide characters, colour pairs (none with NO_COLOR or on a
/// monochrome terminal; selection is reverse video either way), a 25 ms ESC delay unless
/// ESCDELAY is set, resizes, and only changed cells written.
public final class NCursesTerminal: Terminal {
    public private(set) var size: TerminalSize
    public let isInteractive: Bool
    private let screen: OpaquePointer
    private let colors: Bool
    private var previous: ScreenBuffer?
    private var emptyReads = 0
    private var restored = false

    /// Starts ncurses on stdin/stdout. Throws (instead of exiting, as `initscr` would) when
    /// TERM is unknown or cannot address the cursor.
    public init(environment: [String: String]) throws {
        let term = environment["TERM"] ?? ""
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError(message: "the console needs a terminal on stdin and stdout; use `authconsole stats` or `authconsole accounts` in scripts")
        }
        guard !term.isEmpty, term != "dumb" else {
            throw TerminalError(message: "TERM is \(term.isEmpty ? "not set" : "dumb"), so the console cannot draw: set TERM (for example TERM=xterm-256color) or use `authconsole stats`")
        }
        var saved = termios()
        let haveSaved = tcgetattr(0, &saved) == 0
        SignalPipe.install()
        guard let scr = cnc_newterm() else {
            throw TerminalError(message: "the terminal type TERM=\(UntrustedText.sanitized(term)) is unknown to ncurses: set TERM to one this system knows (for example xterm-256color) or use `authconsole stats`")
        }
        screen = scr
        _ = set_term(scr)
        guard cnc_tigetstr("cup") != nil else {
            endwin()
            delscreen(scr)
            throw TerminalError(message: "the terminal type TERM=\(UntrustedText.sanitized(term)) cannot move the cursor, so the console cannot draw: use `authconsole stats`")
        }
        isInteractive = true
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        raw()
        noecho()
        nonl()
        _ = keypad(cnc_stdscr(), true)
        _ = nodelay(cnc_stdscr(), true)
        _ = intrflush(cnc_stdscr(), false)
        curs_set(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor, has_colors() {
            start_color()
            let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
            for c in Color.allCases { init_pair(Int16(c.rawValue), Int16(c.rawValue), background) }
            colors = true
        } else {
            colors = false
        }
        size = TerminalSize(width: Int(cnc_cols()), height: Int(cnc_lines()))
        var restore: [UInt8] = []
        for cap in ["rmcup", "cnorm", "sgr0"] {
            if let s = cnc_tigetstr(cap) { restore += Array(String(cString: s).utf8) }
        }
        FatalSignals.install(termios: haveSaved ? saved : nil, restoreSequence: restore)
    }

    public func draw(_ frame: ScreenBuffer) {
        guard !restored else { return }
        let window = cnc_stdscr()
        if previous?.size != frame.size {
            previous = nil
            werase(window)
            clearok(cnc_curscr(), true)
        }
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if cell.isContinuation { continue }
                if let p = previous, p[x, y] == cell, cell.width < 2 || p[x + 1, y] == frame[x + 1, y] { continue }
                put(cell, x: x, y: y)
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var attrs = cnc_a_normal()
        if cell.style.bold { attrs |= cnc_a_bold() }
        if cell.style.dim { attrs |= cnc_a_dim() }
        if cell.style.reverse { attrs |= cnc_a_reverse() }
        if cell.style.underline { attrs |= cnc_a_underline() }
        let pair: Int16 = colors ? Int16(cell.style.color?.rawValue ?? 0) : 0
        var wide: [wchar_t] = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        if wide.isEmpty { wide = [0x20] }
        wide.append(0)
        _ = cnc_put_cell(Int32(y), Int32(x), wide, attrs, pair)
    }

    public func waitForInput(timeoutMilliseconds: Int, wakeFD: Int32) -> [TerminalInput] {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: SignalPipe.readFD, events: Int16(POLLIN), revents: 0)]
        let rc = poll(&fds, nfds_t(fds.count), Int32(clamping: timeoutMilliseconds))
        var out: [TerminalInput] = []
        for sig in SignalPipe.drain() {
            if sig == SIGWINCH {
                if let s = updateSize() { out.append(.resize(s)) }
            } else {
                out.append(.signal(sig))
            }
        }
        guard rc > 0 else { return out }
        if fds[1].revents != 0 { out.append(.wake) }
        let stdinEvents = Int32(fds[0].revents)
        if stdinEvents != 0 {
            var got = 0
            while true {
                var ch: UInt32 = 0
                let r = cnc_get_wch(&ch)
                if r == ERR { break }
                got += 1
                if r == cnc_key_code_yes() {
                    if Int32(ch) == KEY_RESIZE {
                        if let s = updateSize() { out.append(.resize(s)) }
                    } else if let key = Self.functionKey(Int32(ch)) {
                        out.append(.key(key))
                    }
                } else if let key = Key.fromCharacter(ch) {
                    out.append(.key(key))
                }
            }
            // Readable but nothing to read: end of input. A hung-up terminal says so in
            // revents; a few empty reads in a row mean the same, so the loop never spins.
            if got == 0 {
                emptyReads += 1
                if stdinEvents & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 || emptyReads >= 3 { out.append(.hangup) }
            } else {
                emptyReads = 0
            }
        }
        return out
    }

    /// Reads the window size from the tty and resizes ncurses to it.
    private func updateSize() -> TerminalSize? {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 {
            if Int(ws.ws_col) != Int(cnc_cols()) || Int(ws.ws_row) != Int(cnc_lines()) {
                resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
            }
        }
        let s = TerminalSize(width: Int(cnc_cols()), height: Int(cnc_lines()))
        previous = nil
        guard s != size else { return nil }
        size = s
        return s
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    public func writeControlSequence(_ bytes: [UInt8]) {
        guard !restored else { return }
        fflush(stdout)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(1, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if n < 0 { if errno == EINTR { continue }; break }
            offset += n
        }
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
        delscreen(screen)
        FatalSignals.disarm()
    }
}
