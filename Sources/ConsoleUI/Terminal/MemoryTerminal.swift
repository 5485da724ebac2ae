/// A terminal in memory for tests: scripted input, the last frame kept as a grid.
public final class MemoryTerminal: Terminal {
    public var size: TerminalSize
    public var isInteractive = true
    public private(set) var frame: ScreenBuffer?
    public private(set) var frames = 0
    public private(set) var controlSequences: [[UInt8]] = []
    public private(set) var restored = false
    /// Input batches returned by successive waits; an empty script reports a hangup.
    public var script: [[TerminalInput]] = []

    public init(size: TerminalSize) { self.size = size }

    public func draw(_ frame: ScreenBuffer) {
        self.frame = frame
        frames += 1
    }

    public func waitForInput(timeoutMilliseconds: Int, wakeFD: Int32) -> [TerminalInput] {
        guard !script.isEmpty else { return [.hangup] }
        let next = script.removeFirst()
        for case .resize(let s) in next { size = s }
        return next
    }

    public func writeControlSequence(_ bytes: [UInt8]) { controlSequences.append(bytes) }

    public func restore() { restored = true }

    /// The last frame as text.
    public var text: String { frame?.text ?? "" }
}
