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
    ],
    targets: [
        .target(
            name: "CoopKB",
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
