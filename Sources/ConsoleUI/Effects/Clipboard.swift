import Foundation

/// Copying through the terminal: OSC 52 (`ESC ] 52 ; c ; <base64> BEL`), wrapped in tmux's
/// passthrough when inside tmux, refused when stdout is not a terminal or TERM is dumb, and
/// capped in size (terminals drop or truncate long sequences).
public enum Clipboard {
    public static let maxBytes = 74_994

    public enum Decision: Equatable {
        case write([UInt8], note: String)
        case refuse(String)
    }

    public static func decide(_ text: String, what: String, isTerminal: Bool, environment: [String: String]) -> Decision {
        let term = environment["TERM"] ?? ""
        guard isTerminal else { return .refuse("\(what) not copied: the output is not a terminal") }
        guard !term.isEmpty, term != "dumb" else { return .refuse("\(what) not copied: TERM is \(term.isEmpty ? "unset" : "dumb")") }
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            return .refuse("\(what) not copied: \(bytes.count) bytes is over the \(maxBytes)-byte clipboard limit (w writes it to a file)")
        }
        let inTmux = !(environment["TMUX"] ?? "").isEmpty
        return .write(sequence(bytes, tmux: inTmux), note: "copied the \(what) (OSC 52\(inTmux ? " through tmux" : ""), \(bytes.count) bytes)")
    }

    public static func sequence(_ bytes: [UInt8], tmux: Bool) -> [UInt8] {
        let osc = "\u{1B}]52;c;" + Data(bytes).base64EncodedString() + "\u{07}"
        guard tmux else { return Array(osc.utf8) }
        // tmux passes a DCS through to the outer terminal with every ESC inside doubled.
        return Array(("\u{1B}Ptmux;" + osc.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\").utf8)
    }
}
