// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "authconsole",
    products: [
        .executable(name: "authconsole", targets: ["authconsole"]),
        .library(name: "AuthCore", targets: ["AuthCore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CNCurses",
            path: "Sources/CNCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            path: "Sources/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "AuthCore", dependencies: ["CSQLite", "CLibPQ"]),
        .target(name: "ConsoleUI", dependencies: ["AuthCore", "CNCurses"]),
        .executableTarget(name: "authconsole", dependencies: ["AuthCore", "ConsoleUI"]),
        .testTarget(name: "AuthCoreTests", dependencies: ["AuthCore"]),
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI"], exclude: ["Snapshots"]),
        .testTarget(name: "CLITests", dependencies: ["AuthCore"]),
    ]
)
