/// What the session reads from a terminal.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    case resize(TerminalSize)
    /// The terminal went away (ssh dropped, pty closed).
    case hangup
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived.
    case signal(Int32)
    /// Effect results are waiting in the inbox.
    case wake
}

/// A place to draw frames and read keys: ncurses on a real terminal, memory in tests.
public protocol Terminal: AnyObject {
    var size: TerminalSize { get }
    /// Whether stdout is a terminal that may receive control sequences (OSC 52).
    var isInteractive: Bool { get }
    /// Draws a frame, writing only the cells that changed since the last one.
    func draw(_ frame: ScreenBuffer)
    /// Waits up to `timeoutMilliseconds` (-1: no limit) for keys, a resize, a signal or a byte on
    /// `wakeFD`, and returns what arrived.
    func waitForInput(timeoutMilliseconds: Int, wakeFD: Int32) -> [TerminalInput]
    /// Writes a control sequence between frames (the clipboard).
    func writeControlSequence(_ bytes: [UInt8])
    /// Puts the terminal back as it was. Safe to call more than once.
    func restore()
}
