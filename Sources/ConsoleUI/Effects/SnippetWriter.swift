import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a provider's settings snippet to a new file, mode 0600, never over an existing one:
/// `authconsole-github-snippet.py`, else `-2`, `-3`, ...
enum SnippetWriter {
    static func write(_ text: String, providerID: String, folder: String) -> Result<String, EffectFailure> {
        let safe = String(providerID.unicodeScalars.map { s -> Character in
            let ok = (s.value < 0x80) && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == "_" || s == ".")
            return ok ? Character(s) : "_"
        })
        for n in 1...99 {
            let name = "authconsole-\(safe)-snippet" + (n == 1 ? "" : "-\(n)") + ".py"
            let path = (folder == "." ? "./" : folder + "/") + name
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                return .failure(EffectFailure(message: "cannot write \(path): \(String(cString: strerror(errno)))"))
            }
            fchmod(fd, 0o600)
            let sink = FileSink(fd: fd)
            sink.write(text.hasSuffix("\n") ? text : text + "\n")
            do {
                try sink.finish()
            } catch {
                close(fd)
                unlink(path)
                return .failure(EffectFailure(error))
            }
            close(fd)
            return .success(path)
        }
        return .failure(EffectFailure(message: "not written: authconsole-\(safe)-snippet.py and 98 numbered variants already exist"))
    }
}
