// libFuzzer target: the urls.py reader. The input is split at NUL bytes: proj/urls.py and
// proj/sub.py (a module urls.py may include). Built with support/FuzzProject.swift.
@testable import AuthCore
import Foundation

let project = FuzzProject("urls")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = FuzzProject.parts(data, size, count: 2)
    project.write("proj/urls.py", parts.first ?? [])
    project.write("proj/sub.py", parts.count > 1 ? parts[1] : [])
    let info = AllauthURLs.locate(rootFolder: project.url, rootURLConf: "proj.urls")
    _ = String(describing: info)
    return 0
}
