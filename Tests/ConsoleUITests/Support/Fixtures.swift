import AuthCore
import Foundation
import XCTest

/// The real-Django fixture databases (Tests/Fixtures/db), or `AUTHCONSOLE_FIXTURES`.
enum Fixtures {
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    static var folder: String {
        if let dir = ProcessInfo.processInfo.environment["AUTHCONSOLE_FIXTURES"], !dir.isEmpty { return dir }
        return packageRoot + "/Tests/Fixtures/db"
    }

    static func path(_ name: String) -> String { folder + "/\(name).sqlite3" }

    static func store(_ name: String) throws -> AuthStore {
        try AuthStore(connection: SQLiteConnection(path: path(name)))
    }

    /// The fixtures' "now".
    static let now = UTCDateTime(microsecondsSinceEpoch: 1_781_524_800 * 1_000_000)

    static func temporaryFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "authconsole-ui-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
