/// Account ids in a view's order, kept small: four bytes each while every id fits in 32 bits (a
/// site short of two billion accounts), eight otherwise, in chunks of 65,536 so that growing the
/// list never copies it (758k ids: 3 MB, and no more than that at any point while reading).
public struct AccountIDs: Sendable, Equatable {
    static let chunkSize = 1 << 16

    private var narrow: [[Int32]] = []
    private var wide: [[Int64]] = []
    private var isWide = false
    public private(set) var count = 0

    public init() {}

    public init(_ ids: [Int64]) {
        for id in ids { append(id) }
    }

    public mutating func append(_ id: Int64) {
        if !isWide, let small = Int32(exactly: id) {
            if count % Self.chunkSize == 0 { narrow.append(Self.chunk(Int32.self)) }
            narrow[narrow.count - 1].append(small)
        } else {
            if !isWide { widen() }
            if count % Self.chunkSize == 0 { wide.append(Self.chunk(Int64.self)) }
            wide[wide.count - 1].append(id)
        }
        count += 1
    }

    public subscript(index: Int) -> Int64 {
        let (c, i) = index.quotientAndRemainder(dividingBy: Self.chunkSize)
        return isWide ? wide[c][i] : Int64(narrow[c][i])
    }

    public var indices: Range<Int> { 0..<count }

    /// The ids at `range`, which must lie within `indices`.
    public func slice(_ range: Range<Int>) -> [Int64] {
        range.map { self[$0] }
    }

    public func firstIndex(of id: Int64) -> Int? {
        if isWide {
            for (c, chunk) in wide.enumerated() {
                if let i = chunk.firstIndex(of: id) { return c * Self.chunkSize + i }
            }
            return nil
        }
        guard let small = Int32(exactly: id) else { return nil }
        for (c, chunk) in narrow.enumerated() {
            if let i = chunk.firstIndex(of: small) { return c * Self.chunkSize + i }
        }
        return nil
    }

    /// An id past 32 bits arrived: every id is kept in eight bytes from now on.
    private mutating func widen() {
        isWide = true
        wide = narrow.map { chunk in
            var w = Self.chunk(Int64.self)
            w.append(contentsOf: chunk.map(Int64.init))
            return w
        }
        narrow = []
    }

    private static func chunk<T>(_: T.Type) -> [T] {
        var c: [T] = []
        c.reserveCapacity(chunkSize)
        return c
    }
}
