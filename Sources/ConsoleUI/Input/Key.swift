/// A key press, decoded from the terminal.
public enum Key: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A printable character.
    case char(Character)
    /// Control plus a letter: `.ctrl("c")` is Ctrl-C.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)

    public var description: String {
        switch self {
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        }
    }

    /// Decodes a character `get_wch` returned as text (not a function key).
    public static func fromCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x1B: return .escape
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A:
            guard let s = Unicode.Scalar(value + 0x60) else { return nil }
            return .ctrl(Character(s))
        case 0x00..<0x20, 0x80..<0xA0: return nil
        default:
            guard let s = Unicode.Scalar(value) else { return nil }
            return .char(Character(s))
        }
    }

    /// Keys from a string, for tests: each character, with `\r` as Enter and ESC as Escape.
    public static func typing(_ text: String) -> [Key] {
        text.unicodeScalars.compactMap { fromCharacter($0.value) }
    }
}
