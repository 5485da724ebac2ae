#if canImport(Glibc)
import Glibc
#endif

/// `wcwidth` answers by the locale: tests measure as a UTF-8 terminal would.
enum TestLocale {
    static func useUTF8() {
        if setlocale(LC_ALL, "C.UTF-8") == nil { _ = setlocale(LC_ALL, "en_US.UTF-8") }
    }
}
