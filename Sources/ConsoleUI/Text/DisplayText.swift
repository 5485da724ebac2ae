import AuthCore

/// Prepares text for the grid: the one sanitiser (`UntrustedText.sanitized`) first, then the
/// display-only normalisation that keeps columns where `wcwidth` says they are.
public enum DisplayText {
    /// Sanitised, with zero-width joiners and variation selectors dropped (terminals disagree on
    /// how wide the sequences they build are) and, in ASCII mode, every non-ASCII character
    /// shown as `?`.
    public static func prepare(_ text: String, ascii: Bool = false) -> String {
        let safe = UntrustedText.sanitized(text)
        if !safe.unicodeScalars.contains(where: { $0.value >= 0x7F }) { return safe }
        var out = String.UnicodeScalarView()
        for scalar in safe.unicodeScalars {
            if isDropped(scalar) { continue }
            if ascii && scalar.value >= 0x7F {
                // A combining mark belongs to the character before it: one `?` for both.
                if DisplayWidth.of(scalar) == 0 { continue }
                out.append("?")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isDropped(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x200D || (0xFE00...0xFE0F).contains(s.value) || (0xE0100...0xE01EF).contains(s.value)
    }
}
