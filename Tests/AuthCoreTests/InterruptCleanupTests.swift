import Foundation
import XCTest
@testable import AuthCore

/// What the signal and crash handlers remove: registered files, and only while registered.
final class InterruptCleanupTests: XCTestCase {
    func testRemovesRegisteredFilesOnly() throws {
        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let partial = dir + "/.export.partial", finished = dir + "/done.csv"
        for path in [partial, finished] { XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8))) }
        let kept = InterruptCleanup.register(finished)
        InterruptCleanup.unregister(kept)
        let slot = InterruptCleanup.register(partial)
        XCTAssertNotNil(slot)
        InterruptCleanup.removeRegistered()
        InterruptCleanup.unregister(slot)
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial), "registered: removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: finished), "unregistered: kept")
    }
}
