import XCTest
@testable import AuthCore

final class SettingsDotEnvTests: XCTestCase {
    func testDotEnvSyntax() {
        let text = """
        # comment
        PLAIN=value
        export EXPORTED=yes
          SPACED = padded value   # trailing comment
        DOUBLE="line1\\nline2 \\"quoted\\" # not a comment"
        SINGLE='raw \\n $HOME # kept'
        MULTI="first
        second"
        EMPTY=
        HASH=abc#def
        DUP=1
        DUP=2
        not a line
        =novalue
        9BAD=x
        UNTERMINATED="abc
        """
        let file = DotEnvFile.parse(text, path: ".env")
        XCTAssertEqual(file.values["PLAIN"], "value")
        XCTAssertEqual(file.values["EXPORTED"], "yes")
        XCTAssertEqual(file.values["SPACED"], "padded value")
        XCTAssertEqual(file.values["DOUBLE"], "line1\nline2 \"quoted\" # not a comment")
        XCTAssertEqual(file.values["SINGLE"], "raw \\n $HOME # kept")
        XCTAssertEqual(file.values["MULTI"], "first\nsecond")
        XCTAssertEqual(file.values["EMPTY"], "")
        XCTAssertEqual(file.values["HASH"], "abc#def")
        XCTAssertEqual(file.values["DUP"], "2")
        XCTAssertEqual(file.keys, ["PLAIN", "EXPORTED", "SPACED", "DOUBLE", "SINGLE", "MULTI", "EMPTY", "HASH", "DUP"])
        XCTAssertEqual(file.diagnostics.map(\.problem), [13, 14, 15, 16].map { .dotEnvLineIgnored(SourceLocation(file: ".env", line: $0)) })
    }

    func testCRLFAndBOM() {
        let file = DotEnvFile.parse("\u{FEFF}A=1\r\nB=\"two\"\r\n\r\nC=3", path: ".env")
        XCTAssertEqual(file.values, ["A": "1", "B": "two", "C": "3"])
        XCTAssertEqual(file.diagnostics, [])
    }

    func testGarbageAndSizeLimits() throws {
        let project = try TemporaryProject([:], test: self)
        try project.write(".env", Data([0x00, 0xFF, 0x13, 0x37, 0x00]))
        XCTAssertEqual(try? DotEnvFile.read(project.root.appendingPathComponent(".env"), displayPath: ".env").get(), nil)
        if case .failure(let error) = DotEnvFile.read(project.root.appendingPathComponent(".env"), displayPath: ".env") {
            XCTAssertEqual(error, .notText(path: ".env", reason: "it contains NUL bytes"))
        }
        try project.write("big.env", String(repeating: "A=1\n", count: 1000))
        if case .failure(let error) = DotEnvFile.read(project.root.appendingPathComponent("big.env"), displayPath: "big.env", maxBytes: 100) {
            XCTAssertEqual(error, .fileTooLarge(path: "big.env", bytes: 4000, limit: 100))
        } else {
            XCTFail("expected the size limit to apply")
        }
        var noise = SystemRandomNumberGenerator()
        let random = String((0..<5000).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &noise))) })
        _ = DotEnvFile.parse(random + "\n\"'=\\", path: ".env")  // must not crash or hang
    }

    func testEnvironmentWinsOverDotEnvAndDotEnvOverDefaults() throws {
        let (settings, _) = try readSettings("""
        import os
        A = os.getenv("A", "default")
        B = os.getenv("B", "default")
        C = os.getenv("C", "default")
        """, environment: ["A": "process"], extraFiles: [".env": "A=file\nB=file\n"], test: self)
        XCTAssertEqual(settings.value(of: "A")?.value.resolved, .string("process"))
        XCTAssertEqual(settings.value(of: "B")?.value.resolved, .string("file"))
        XCTAssertEqual(settings.value(of: "C")?.value.resolved, .string("default"))
        guard case .env(let b)? = settings.value(of: "B")?.value else { return XCTFail("B is not an env reference") }
        XCTAssertEqual(b.resolution, .dotEnv(file: ".env"))
        XCTAssertEqual(b.description, "$B (from .env)")
    }

    func testReadEnvLoadsTheFileItNames() throws {
        let (settings, _) = try readSettings("""
        import environ
        from pathlib import Path
        BASE_DIR = Path(__file__).resolve().parent
        NAME_BEFORE = environ.Env().str("NAME", default="none")
        environ.Env.read_env(BASE_DIR / "envs" / "dev.env")
        env = environ.Env()
        NAME_AFTER = env.str("NAME", default="none")
        """, extraFiles: ["envs/dev.env": "NAME=dev\n"], test: self)
        XCTAssertEqual(settings.value(of: "NAME_BEFORE")?.value.resolved, .string("none"))
        XCTAssertEqual(settings.value(of: "NAME_AFTER")?.value.resolved, .string("dev"))
        XCTAssertEqual(settings.dotEnvFiles, ["envs/dev.env"])
    }
}
