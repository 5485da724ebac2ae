import Foundation
import XCTest
@testable import AuthCore

/// A throw-away project folder for settings tests, removed when the test ends.
struct TemporaryProject {
    let root: URL

    init(_ files: [String: String], test: XCTestCase) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("authconsole-settings-\(UUID().uuidString)", isDirectory: true)
            .standardizedFileURL
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let created = root
        test.addTeardownBlock { try? FileManager.default.removeItem(at: created) }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ module: String = "settings", environment: [String: String] = [:],
              limits: SettingsReaderLimits = .standard) -> DjangoSettings {
        SettingsReader(rootFolder: root, environment: environment, limits: limits).read(module: module)
    }

    /// Absolute path of a file in the project.
    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// Reads one `settings.py` written from `source`.
func readSettings(_ source: String, environment: [String: String] = [:], extraFiles: [String: String] = [:],
                  test: XCTestCase) throws -> (DjangoSettings, TemporaryProject) {
    var files = extraFiles
    files["settings.py"] = source
    let project = try TemporaryProject(files, test: test)
    return (project.read(environment: environment), project)
}

/// Fixture projects kept under Tests/Fixtures/settings.
func fixtureFolder(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/settings").appendingPathComponent(name)
}

extension SourceLocation {
    static func settings(_ line: Int) -> SourceLocation { SourceLocation(file: "settings.py", line: line) }
}
