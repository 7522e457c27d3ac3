// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "coopkb",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coopkb", targets: ["CoopShell"]),
        .library(name: "CoopKB", targets: ["CoopKB"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "CoopKB",
            dependencies: [
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [
                .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
                // Its links to Foundation's parts (FoundationXML's C helpers) name the static libraries.
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .executableTarget(
            name: "CoopShell",
            dependencies: [
                "CoopKB", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release binary carries the Swift runtime and Foundation (as `swift build --static-swift-stdlib`):
            // no shared Swift libraries to map and relocate at each start (an empty KB's `--check`: 31.4M -> 17.4M
            // instructions by callgrind, 17.5 -> 10.5 ms of CPU; bench/NOTES.md).
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(name: "CoopKBTests", dependencies: ["CoopKB"], resources: []),
        .testTarget(name: "GoldenTests", dependencies: ["CoopKB"]),
    ],
    swiftLanguageModes: [.v5]
)
