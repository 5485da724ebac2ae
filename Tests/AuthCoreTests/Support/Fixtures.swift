import Foundation
import XCTest
@testable import AuthCore

/// The databases and expected figures made by real Django + allauth (Tests/Fixtures). CI points
/// `AUTHCONSOLE_FIXTURES` at freshly regenerated ones; otherwise the committed copies are used.
enum Fixtures {
    static let names = ["default", "custom", "noallauth"]

    static var folder: String {
        if let dir = ProcessInfo.processInfo.environment["AUTHCONSOLE_FIXTURES"], !dir.isEmpty { return dir }
        return packageRoot + "/Tests/Fixtures/db"
    }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func path(_ name: String) -> String { folder + "/\(name).sqlite3" }

    static func expected(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/\(name).expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func store(_ name: String) throws -> AuthStore {
        try AuthStore(connection: SQLiteConnection(path: path(name)))
    }

    static func now(_ expected: [String: Any]) throws -> UTCDateTime {
        try XCTUnwrap(UTCDateTime(iso8601: try XCTUnwrap(expected["now"] as? String)))
    }

    static func temporaryFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "authconsole-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

extension Dictionary where Key == String, Value == Any {
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func string(_ key: String) -> String? { self[key] as? String }
    func dict(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func list(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}
