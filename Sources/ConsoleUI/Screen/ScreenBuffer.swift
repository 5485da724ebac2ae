/// One terminal cell: a character (with any combining marks) and its style. A wide character
/// occupies its cell and the next, which holds a continuation (`width == 0`).
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: Int
    public var style: Style

    public init(text: String, width: Int, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(text: " ", width: 1, style: .plain)
    static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }
    public var isContinuation: Bool { width == 0 }
}

/// A frame: a grid of cells the renderer fills and a terminal draws. Every string written into
/// it passes `DisplayText.prepare` (the sanitiser) here, so no caller can put a control
/// character on the screen.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let ascii: Bool
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, ascii: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.ascii = ascii
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public init(size: TerminalSize, ascii: Bool = false) { self.init(width: size.width, height: size.height, ascii: ascii) }

    public var size: TerminalSize { TerminalSize(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Sets a cell, repairing any wide character it cuts in half.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        if cells[i].isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        }
        if cells[i].width == 2, x + 1 < width, cell.width != 2 {
            cells[i + 1] = Cell(text: " ", width: 1, style: cells[i].style)
        }
        cells[i] = cell
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(x: Int = 0, y: Int, width w: Int? = nil, height h: Int = 1, style: Style = .plain) {
        let right = min(width, x + (w ?? width))
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<max(max(0, x), right) { set(col, row, Cell(text: " ", width: 1, style: style)) }
        }
    }

    /// Writes `text` at (x, y) in at most `maxWidth` columns (to the right edge by default),
    /// cut with an ellipsis when longer. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width - max(0, x), maxWidth ?? width)
        guard limit > 0 else { return 0 }
        let prepared = DisplayText.prepare(text, ascii: ascii)
        let shown = DisplayWidth.truncate(prepared, to: limit, ellipsis: ascii ? "~" : "…")
        var col = x
        var lastBase: Int?
        for scalar in shown.unicodeScalars {
            let w = DisplayWidth.of(scalar)
            if w == 0 {
                // A combining mark joins the character before it; one with nothing before it
                // in this string is dropped rather than merged into a neighbour's cell.
                if let b = lastBase, b >= 0, b < width {
                    let i = y * width + b
                    if cells[i].text.unicodeScalars.count < 5 { cells[i].text.unicodeScalars.append(scalar) }
                }
                continue
            }
            if col + w > x + limit { break }
            if col >= 0 {
                set(col, y, Cell(text: String(scalar), width: w, style: style))
                if w == 2 { set(col + 1, y, .continuation(style)) }
                lastBase = col
            }
            col += w
        }
        return col - x
    }

    /// Writes `text` padded or cut to exactly `width` columns.
    @discardableResult
    public mutating func put(fitting text: String, x: Int, y: Int, width w: Int, alignRight: Bool = false, style: Style = .plain) -> Int {
        guard w > 0 else { return 0 }
        fill(x: x, y: y, width: w, style: style)
        let used = DisplayWidth.of(DisplayWidth.truncate(DisplayText.prepare(text, ascii: ascii), to: w, ellipsis: ascii ? "~" : "…"))
        put(text, x: alignRight ? x + w - used : x, y: y, maxWidth: w, style: style)
        return w
    }

    /// Applies a style to a run of cells without changing their text (selection highlight).
    public mutating func restyle(x: Int = 0, y: Int, width w: Int? = nil, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + (w ?? width)) {
            change(&cells[y * width + col].style)
        }
    }

    /// One row as plain text (continuation cells contribute nothing).
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width where !cells[y * width + x].isContinuation { s += cells[y * width + x].text }
        return s
    }

    /// The whole frame as text, trailing spaces trimmed: what a snapshot stores.
    public var text: String {
        (0..<height).map { y -> String in
            var l = line(y)
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }.joined(separator: "\n") + "\n"
    }
}
