// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus explicit `any` for existentials.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "contract-test",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "contract-test", targets: ["ContractTestCLI"]),
        .library(name: "YAMLSource", targets: ["YAMLSource"]),
        .library(name: "OpenAPIModel", targets: ["OpenAPIModel"]),
        .library(name: "SchemaValidation", targets: ["SchemaValidation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev, Homebrew: libyaml).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // YAML → node tree with marks; the project-wide Diagnostic type.
        .target(name: "YAMLSource", dependencies: ["CYAML"], swiftSettings: strictSettings),
        // Node tree → typed OpenAPI 3.0/3.1/3.2 model, `$ref` resolution, source map.
        .target(
            name: "OpenAPIModel",
            dependencies: ["YAMLSource", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        // JSON Schema 2020-12 and OpenAPI 3.0 schema validation over the model's raw schemas.
        .target(
            name: "SchemaValidation",
            dependencies: ["OpenAPIModel", "YAMLSource"],
            resources: [.copy("Metaschemas")],
            swiftSettings: strictSettings
        ),
        // The `contract-test` executable: argument parsing and wiring only.
        .executableTarget(
            name: "ContractTestCLI",
            dependencies: [
                "OpenAPIModel",
                "SchemaValidation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // `swift run -c release LoadBenchmark`: load-stage timings against a bare libyaml scan.
        .executableTarget(
            name: "LoadBenchmark",
            dependencies: ["OpenAPIModel", "CYAML"],
            path: "Benchmarks/LoadBenchmark",
            swiftSettings: strictSettings
        ),
        // `swift run -c release ValidationBenchmark`: validations per second beside Python's jsonschema.
        .executableTarget(
            name: "ValidationBenchmark",
            dependencies: ["SchemaValidation"],
            path: "Benchmarks/ValidationBenchmark",
            exclude: ["jsonschema_bench.py"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "YAMLSourceTests", dependencies: ["YAMLSource"], swiftSettings: strictSettings),
        .testTarget(
            name: "OpenAPIModelTests",
            dependencies: ["OpenAPIModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SchemaValidationTests",
            dependencies: ["SchemaValidation"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ContractTestCLITests",
            dependencies: ["ContractTestCLI"],
            swiftSettings: strictSettings
        ),
    ]
)
