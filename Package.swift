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
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
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
            ]
        ),
        .testTarget(name: "CoopKBTests", dependencies: ["CoopKB"], resources: []),
        .testTarget(name: "GoldenTests", dependencies: ["CoopKB"]),
    ],
    swiftLanguageModes: [.v5]
)
