// libFuzzer target: the settings reader (PythonParser + the symbolic interpreter + .env) on a
// temporary project. The input is split at NUL bytes: proj/settings.py, proj/base.py (which
// settings.py may import), .env.
@testable import AuthCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

let root = "/tmp/authconsole-fuzz-settings-\(getpid())"

func put(_ path: String, _ bytes: ArraySlice<UInt8>) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return }
    bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
    mkdir(root, 0o700)
    mkdir(root + "/proj", 0o700)
    put(root + "/proj/__init__.py", [])
    put(root + "/proj/settings.py", parts.first ?? [])
    put(root + "/proj/base.py", parts.count > 1 ? parts[1] : [])
    if parts.count > 2 { put(root + "/.env", parts[2]) } else { unlink(root + "/.env") }
    _ = PythonParser.parse(bytes: Array(parts.first ?? []), file: "settings.py")
    let settings = SettingsReader(rootFolder: URL(fileURLWithPath: root), environment: ["DATABASE_URL": "postgres://u:p@h/d"]).read(module: "proj.settings")
    _ = String(describing: settings)
    return 0
}
