// libFuzzer target: the CLI argument parser (compiled with Sources/authconsole/CLI's
// ArgumentParser.swift and CommandSpec.swift). The input is split at NUL bytes into arguments;
// the first byte picks one of several option tables.
@testable import AuthCore

let tables: [[OptionSpec]] = [
    [OptionSpec(name: "--db", valueName: "PATH", help: ""), OptionSpec(name: "--demo", valueName: nil, help: ""),
     OptionSpec(name: "--format", valueName: "FORMAT", help: "", allowed: ["table", "json", "csv"]),
     OptionSpec(name: "--page", valueName: "N", help: ""), OptionSpec(name: "--no-count", valueName: nil, help: "")],
    [OptionSpec(name: "--all", valueName: nil, help: ""), OptionSpec(name: "--out", valueName: "PATH", help: ""),
     OptionSpec(name: "--force", valueName: nil, help: "")],
    [],
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let args = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    let table = tables[Int(data[0]) % tables.count]
    if let parsed = try? ArgumentParser.parse(args, options: table, maxPositionals: Int(data[0] >> 4), command: "fuzz") {
        _ = parsed.positionals.count
    }
    return 0
}
