import XCTest
@testable import AuthCore

/// The compact id list behind the console's order: the same ids back, across chunk boundaries,
/// and after an id past 32 bits widens it.
final class AccountIDsTests: XCTestCase {
    private func assertSame(_ list: AccountIDs, _ ids: [Int64], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(list.count, ids.count, file: file, line: line)
        XCTAssertEqual(list.slice(list.indices), ids, file: file, line: line)
        for probe in [ids.first, ids.last, ids.dropFirst(ids.count / 2).first].compactMap({ $0 }) {
            XCTAssertEqual(list.firstIndex(of: probe), ids.firstIndex(of: probe), file: file, line: line)
        }
        XCTAssertNil(list.firstIndex(of: -42), file: file, line: line)
    }

    func testAcrossChunksAndWidening() {
        let n = AccountIDs.chunkSize * 2 + 7
        let narrow = (0..<n).map { Int64(n - $0) * 3 }
        assertSame(AccountIDs(narrow), narrow)

        var mixed = narrow
        mixed.insert(Int64(Int32.max) + 5, at: AccountIDs.chunkSize + 1)  // widens mid-way
        mixed.append(-9)
        let list = AccountIDs(mixed)
        assertSame(list, mixed)
        XCTAssertEqual(list[AccountIDs.chunkSize + 1], Int64(Int32.max) + 5)
        XCTAssertEqual(list.firstIndex(of: Int64(Int32.max) + 5), AccountIDs.chunkSize + 1)
        XCTAssertEqual(list.slice(AccountIDs.chunkSize - 1..<AccountIDs.chunkSize + 3), Array(mixed[AccountIDs.chunkSize - 1..<AccountIDs.chunkSize + 3]))
        assertSame(AccountIDs([]), [])
    }
}
