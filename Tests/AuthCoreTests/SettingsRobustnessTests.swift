import XCTest
@testable import AuthCore

/// Bad inputs: each must give a clear diagnostic, never a crash or a hang.
final class SettingsRobustnessTests: XCTestCase {
    func testBinaryGarbageSettingsFile() throws {
        let project = try TemporaryProject([:], test: self)
        var generator = SystemRandomNumberGenerator()
        try project.write("settings.py", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0]))
        let settings = project.read()
        XCTAssertEqual(settings.settings, [])
        XCTAssertEqual(settings.diagnostics.map(\.problem), [.notText(path: "settings.py", reason: "it contains NUL bytes")])
        XCTAssertEqual(settings.diagnostics.first?.message,
                       "settings.py is not Python source (it contains NUL bytes), so it was not read; check that it really is a settings file.")
    }

    func testRandomTextNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ_019 \t\n\r()[]{}:;,.=+-*/%'\"\\#@!&|^~<>fFrRbB")
        for _ in 0..<200 {
            let text = String((0..<400).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
            let module = PythonParser.parse(text, file: "fuzz.py")
            XCTAssertTrue(module.diagnostics.allSatisfy { $0.location?.file == "fuzz.py" || $0.location == nil })
        }
    }

    func testTenMegabyteFileIsRefusedWithoutReadingIt() throws {
        let project = try TemporaryProject([:], test: self)
        let line = Data("X = 'padding padding padding padding padding padding padding padding'\n".utf8)
        var data = Data()
        while data.count < 10 * 1024 * 1024 { data.append(line) }
        try project.write("settings.py", data)
        let settings = project.read()
        XCTAssertEqual(settings.diagnostics.map(\.problem),
                       [.fileTooLarge(path: "settings.py", bytes: data.count, limit: 2 * 1024 * 1024)])
        XCTAssertEqual(settings.settings, [])
    }

    func testTenThousandDeepBracketsInASettingsFile() throws {
        let (settings, _) = try readSettings("A = 1\nX = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
                                             test: self)
        XCTAssertEqual(settings.diagnostics.map(\.problem), [.nestingTooDeep(.settings(2), limit: 100)])
        XCTAssertEqual(settings.diagnostics.first?.message,
                       "settings.py:2: nested more than 100 levels deep, so the rest of this file was not read; simplify the expression.")
    }

    func testNestingJustUnderTheLimitWorksOnASmallStackThread() throws {
        let depth = 90
        let source = "X = " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth) + "\n"
        let project = try TemporaryProject(["settings.py": source], test: self)
        let finished = expectation(description: "read on a 512 KiB thread")
        let box = SettingsBox()
        let thread = Thread {
            box.settings = project.read()
            finished.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [finished], timeout: 60)
        XCTAssertEqual(box.settings?.diagnostics, [])
        var value = try XCTUnwrap(box.settings?.value(of: "X")?.value)
        var levels = 0
        while case .list(let items) = value, let first = items.first {
            levels += 1
            value = first
        }
        XCTAssertEqual(levels, depth)
        XCTAssertEqual(value, .int(1))
    }

    func testImportCycleBetweenTwoModules() throws {
        let project = try TemporaryProject([
            "settings.py": "from conf.a import *\nDONE = True\n",
            "conf/__init__.py": "",
            "conf/a.py": "A = 1\nfrom .b import *\n",
            "conf/b.py": "B = 2\nfrom .a import *\n",
        ], test: self)
        let settings = project.read()
        XCTAssertEqual(settings.diagnostics.map(\.problem),
                       [.importCycle(SourceLocation(file: "conf/b.py", line: 2), modules: ["conf.a", "conf.b", "conf.a"])])
        XCTAssertEqual(settings.diagnostics.first?.message,
                       "conf/b.py:2: import cycle conf.a -> conf.b -> conf.a; the repeated import was skipped, so settings it would add are unknown.")
        XCTAssertEqual(settings.value(of: "A")?.value, .int(1))
        XCTAssertEqual(settings.value(of: "B")?.value, .int(2))
        XCTAssertEqual(settings.value(of: "DONE")?.value, .bool(true))
    }

    func testSelfImportIsACycle() throws {
        let project = try TemporaryProject(["settings.py": "from settings import *\nX = 1\n"], test: self)
        XCTAssertEqual(project.read().diagnostics.map(\.problem),
                       [.importCycle(.settings(1), modules: ["settings", "settings"])])
    }

    func testMissingLocalSettingsIsFineWhenHandled() throws {
        let (handled, _) = try readSettings("""
        DEBUG = False
        try:
            from local_settings import *
        except ImportError:
            pass
        """, test: self)
        XCTAssertEqual(handled.diagnostics.map(\.problem), [.optionalModuleMissing(.settings(3), module: "local_settings")])
        XCTAssertEqual(handled.diagnostics.map(\.severity), [.note])
        XCTAssertEqual(handled.value(of: "DEBUG")?.value, .bool(false))

        let (unhandled, _) = try readSettings("from .local import *\nDEBUG = True\n", extraFiles: ["__init__.py": ""], test: self)
        XCTAssertEqual(unhandled.diagnostics.map(\.problem), [.missingModule(.settings(1), module: ".local")])
        XCTAssertEqual(unhandled.value(of: "DEBUG")?.value, .bool(true))
    }

    func testEvaluationBudgetStopsRunawayFiles() throws {
        let source = "X = [1]\n" + String(repeating: "X = X + X\n", count: 200)
        let limits = SettingsReaderLimits(maxEvaluationSteps: 50_000)
        let project = try TemporaryProject(["settings.py": source], test: self)
        let settings = project.read(limits: limits)
        XCTAssertEqual(settings.diagnostics.count, 1)
        guard case .evaluationLimitReached(_, let limit)? = settings.diagnostics.first?.problem else {
            return XCTFail("expected the evaluation limit, got \(settings.diagnostics)")
        }
        XCTAssertEqual(limit, 50_000)

        let deep = try TemporaryProject(["settings.py": "X = 1\n" + String(repeating: "X = [X]\n", count: 101)], test: self)
        guard case .dynamic(let reason)? = deep.read().value(of: "X")?.value else { return XCTFail("expected a dynamic value") }
        XCTAssertEqual(reason.reason, "value nested more than 100 levels deep")
    }

    func testHugeStringRepetitionIsBounded() throws {
        let (settings, _) = try readSettings("X = 'a' * 10**12\nY = [0] * 10**9\n", test: self)
        XCTAssertEqual(settings.value(of: "X")?.value,
                       .dynamic(DynamicValue(reason: "a string longer than 1000000 characters", location: .settings(1))))
        XCTAssertEqual(settings.value(of: "Y")?.value,
                       .dynamic(DynamicValue(reason: "a list with more than 100000 items", location: .settings(2))))
    }

    func testLargeButValidFilesStayFast() throws {
        var source = "D = {\n"
        for index in 0..<40_000 { source += "'k\(index)': \(index),\n" }
        source += "}\nX = D['k39999']\nS = set(list(range(10000)) * 10)\nW = f'{1:>1000000}'\nE = '' * 10**15\n"
        let started = Date()
        let (settings, _) = try readSettings(source, test: self)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(settings.value(of: "X")?.value, .int(39_999))
        guard case .set(let items)? = settings.value(of: "S")?.value else { return XCTFail("S is not a set") }
        XCTAssertEqual(items.count, 10_000)
        XCTAssertEqual(settings.value(of: "W")?.value,
                       .dynamic(DynamicValue(reason: "f-string field 1 cannot be formatted statically", location: .settings(40_005))))
        XCTAssertEqual(settings.value(of: "E")?.value, .string(""))
    }

    func testUnreadableAndMissingFiles() throws {
        let project = try TemporaryProject(["settings/placeholder": ""], test: self)
        XCTAssertEqual(project.read("nothere").diagnostics.map(\.problem),
                       [.settingsModuleNotFound(module: "nothere", searched: ["nothere.py", "nothere/__init__.py"])])
    }
}

private final class SettingsBox: @unchecked Sendable {
    var settings: DjangoSettings?
}

final class SettingsSpecialFileTests: XCTestCase {
    func testNamedPipeIsNotRead() throws {
        let project = try TemporaryProject([:], test: self)
        guard mkfifo(project.path("settings.py"), 0o600) == 0 else { throw XCTSkip("mkfifo is not available") }
        let settings = project.read()
        XCTAssertEqual(settings.diagnostics.map(\.problem), [.unreadableFile(path: "settings.py", reason: "not a regular file")])
    }
}
