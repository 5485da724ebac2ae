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
                // Control pictures read back as caret notation (^[ for ESC); a combining mark
                // belongs to the character before it, so one `?` stands for both.
                if (0x2400...0x241F).contains(scalar.value), let c = Unicode.Scalar(scalar.value - 0x2400 + 0x40) {
                    out.append("^")
                    out.append(c)
                } else if scalar.value == 0x2421 {
                    out.append("^")
                    out.append("?")
                } else if DisplayWidth.of(scalar) == 0 {
                    continue
                } else {
                    out.append("?")
                }
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
