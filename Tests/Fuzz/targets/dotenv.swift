// libFuzzer target: the .env reader.
@testable import AuthCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = DotEnvFile.parse(text, path: ".env")
    _ = String(describing: file)
    return 0
}
