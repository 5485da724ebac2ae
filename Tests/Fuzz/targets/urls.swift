// libFuzzer target: the urls.py reader. The input is split at NUL bytes: proj/urls.py and
// proj/sub.py (a module urls.py may include).
@testable import AuthCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

let root = "/tmp/authconsole-fuzz-urls-\(getpid())"

func put(_ path: String, _ bytes: ArraySlice<UInt8>) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return }
    bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    mkdir(root, 0o700)
    mkdir(root + "/proj", 0o700)
    put(root + "/proj/__init__.py", [])
    put(root + "/proj/urls.py", parts.first ?? [])
    put(root + "/proj/sub.py", parts.count > 1 ? parts[1] : [])
    let info = AllauthURLs.locate(rootFolder: URL(fileURLWithPath: root), rootURLConf: "proj.urls")
    _ = String(describing: info)
    return 0
}
