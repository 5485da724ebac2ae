// libFuzzer target: the settings reader (PythonParser + the symbolic interpreter + .env) on a
// temporary project. The input is split at NUL bytes: proj/settings.py, proj/base.py (which
// settings.py may import), .env. Built with support/FuzzProject.swift.
@testable import AuthCore
import Foundation

let project = FuzzProject("settings")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = FuzzProject.parts(data, size, count: 3)
    project.write("proj/settings.py", parts.first ?? [])
    project.write("proj/base.py", parts.count > 1 ? parts[1] : [])
    project.write(".env", parts.count > 2 ? parts[2] : nil)
    _ = PythonParser.parse(bytes: Array(parts.first ?? []), file: "settings.py")
    let settings = SettingsReader(rootFolder: project.url, environment: ["DATABASE_URL": "postgres://u:p@h/d"]).read(module: "proj.settings")
    _ = String(describing: settings)
    return 0
}
