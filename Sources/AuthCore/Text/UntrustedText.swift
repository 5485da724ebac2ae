/// Makes text from the database or settings safe to put on a terminal: every character that a
/// terminal could act on becomes a visible stand-in, so a username cannot clear the screen, set
/// the title, write the clipboard (OSC 52) or reorder the line.
///
/// - C0 controls and DEL become their Control Pictures (`␛`, `␀`, `␊`, `␡`).
/// - C1 controls (U+0080–U+009F, e.g. 8-bit CSI), bidi embeddings/overrides/isolates and the
///   line/paragraph separators become U+FFFD.
/// - Invalid UTF-8 already arrives as U+FFFD from the database layer.
public enum UntrustedText {
    public static func sanitized(_ text: String) -> String {
        // Fast path: most text has nothing to replace.
        if !text.unicodeScalars.contains(where: needsReplacement) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(needsReplacement(scalar) ? replacement(for: scalar) : scalar)
        }
        return String(out)
    }

    public static func needsReplacement(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || isBidiControl(v) || v == 0x2028 || v == 0x2029
    }

    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    static func replacement(for s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x20, let pic = Unicode.Scalar(0x2400 + v) { return pic }
        if v == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }
}
