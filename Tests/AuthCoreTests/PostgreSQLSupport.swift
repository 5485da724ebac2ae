import Foundation
import XCTest
@testable import AuthCore

/// The throwaway PostgreSQL server `.ci/postgres-tests.sh` makes: where it is, which role and
/// password reach it, and where the ORM's expected JSON for its databases is. Without
/// `AUTHCONSOLE_PG_HOST` every PostgreSQL suite skips with a message saying how to run it.
struct PostgreSQLTestServer {
    let host: String
    let port: String
    let user: String
    let password: String
    let databasePrefix: String
    let expectedFolder: String
    let tlsUser: String?
    let hasTLS: Bool
    let socketFolder: String?

    static let skipMessage = "PostgreSQL suites skipped: no test server (AUTHCONSOLE_PG_HOST is unset); run `bash .ci/postgres-tests.sh`, which starts a throwaway server, builds the Django fixtures in it and runs them"

    /// The server, or an `XCTSkip` when none was given.
    static func require() throws -> PostgreSQLTestServer {
        let env = ProcessInfo.processInfo.environment
        guard let host = env["AUTHCONSOLE_PG_HOST"], !host.isEmpty else { throw XCTSkip(skipMessage) }
        return PostgreSQLTestServer(
            host: host,
            port: env["AUTHCONSOLE_PG_PORT"] ?? "5432",
            user: env["AUTHCONSOLE_PG_USER"] ?? "authconsole",
            password: env["AUTHCONSOLE_PG_PASSWORD"] ?? "",
            databasePrefix: env["AUTHCONSOLE_PG_DB_PREFIX"] ?? "authconsole_",
            expectedFolder: env["AUTHCONSOLE_PG_EXPECTED"] ?? "",
            tlsUser: env["AUTHCONSOLE_PG_TLS_USER"].flatMap { $0.isEmpty ? nil : $0 },
            hasTLS: env["AUTHCONSOLE_PG_TLS"] == "1",
            socketFolder: env["AUTHCONSOLE_PG_SOCKET_DIR"].flatMap { $0.isEmpty ? nil : $0 })
    }

    func database(_ fixture: String) -> String { databasePrefix + fixture }

    /// `postgres://user:password@host:port/db?query`, every part percent-encoded.
    func url(_ fixture: String, user: String? = nil, password: String? = nil, withoutPassword: Bool = false,
             port: String? = nil, database: String? = nil, query: String = "sslmode=disable") -> String {
        var out = "postgres://" + Self.encode(user ?? self.user)
        if !withoutPassword { out += ":" + Self.encode(password ?? self.password) }
        out += "@" + host + ":" + (port ?? self.port) + "/" + Self.encode(database ?? self.database(fixture))
        if !query.isEmpty { out += "?" + query }
        return out
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// The forms the password may take in output: as is, and percent-encoded.
    var passwordForms: [String] { [password, Self.encode(password)].filter { !$0.isEmpty } }

    func connection(_ fixture: String = "default", statementTimeoutMilliseconds: Int = 30_000) throws -> PostgreSQLConnection {
        try PostgreSQLConnection(url: url(fixture), statementTimeoutMilliseconds: statementTimeoutMilliseconds)
    }

    func store(_ fixture: String) throws -> AuthStore {
        try AuthStore(connection: connection(fixture))
    }

    func expected(_ fixture: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: expectedFolder + "/\(fixture).expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Runs `/bin/sh -c command` and returns its exit status. Not Foundation's Process: the
    /// restarted server outlives the command and would inherit (and hold open) the descriptors
    /// Process watches, so the child gets /dev/null and nothing else from this process.
    static func shell(_ command: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in open where fd > 2 && fcntl(fd, F_GETFD) >= 0 { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        guard rc == 0 else { throw XCTSkip("cannot start /bin/sh: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    /// A TCP port on 127.0.0.1 that nothing listens on (bound, read, released).
    static func unusedPort() -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "1" }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return "1" }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return "1" }
        return String(UInt16(bigEndian: addr.sin_port))
    }
}

/// The message of what `body` throws, for asserting on the line an operator would read.
func thrownMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return (error as? UserFacingError)?.message ?? "not user-facing: \(error)"
    }
}
