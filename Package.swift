// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target gets (the loop at the end): Swift 6 language mode, explicit
/// `any` for existentials, and member lookups only through modules a file imports (which
/// this file then declares as the target's dependencies; CI checks the package's own).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "contract-test",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "contract-test", targets: ["ContractTestCLI"]),
        .library(name: "YAMLSource", targets: ["YAMLSource"]),
        .library(name: "OpenAPIModel", targets: ["OpenAPIModel"]),
        .library(name: "SchemaValidation", targets: ["SchemaValidation"]),
        .library(name: "BusinessRules", targets: ["BusinessRules"]),
        .library(name: "CaseGeneration", targets: ["CaseGeneration"]),
        .library(name: "MockServer", targets: ["MockServer"]),
        .library(name: "Execution", targets: ["Execution"]),
        .library(name: "Checks", targets: ["Checks"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "ContractRun", targets: ["ContractRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // The system libyaml (Debian: libyaml-dev, Homebrew: libyaml).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // YAML → node tree with marks; the project-wide Diagnostic type.
        .target(name: "YAMLSource", dependencies: ["CYAML"]),
        // Node tree → typed OpenAPI 3.0/3.1/3.2 model, `$ref` resolution, source map.
        .target(
            name: "OpenAPIModel",
            dependencies: ["YAMLSource", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // JSON Schema 2020-12 and OpenAPI 3.0 schema validation over the model's raw schemas.
        .target(
            name: "SchemaValidation",
            dependencies: [
                "OpenAPIModel", "YAMLSource",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            resources: [.copy("Metaschemas")]
        ),
        // Rules the schema cannot say (one active invitation per address, expiry, echoes),
        // declared as data beside the spec; the mock enacts them and the runner checks them.
        .target(
            name: "BusinessRules",
            dependencies: ["OpenAPIModel", "SchemaValidation", "YAMLSource", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // PEM certificates and keys from files, for the runner's client and the mock's server.
        .target(name: "TLSFiles", dependencies: ["YAMLSource", .product(name: "NIOSSL", package: "swift-nio-ssl")]),
        // The mock server: Hummingbird app built from the model, validator and rules.
        .target(
            name: "MockServer",
            dependencies: [
                "OpenAPIModel", "SchemaValidation", "BusinessRules", "TLSFiles",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        // The validating proxy: Hummingbird in front, async-http-client to the upstream, each
        // exchange judged as `verify` judges recorded traffic.
        .target(
            name: "ValidatingProxy",
            dependencies: [
                "CaseGeneration", "Checks", "Execution", "OpenAPIModel", "BusinessRules",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Deterministic conformance cases per operation: positive, negative, auth, method, rules.
        .target(
            name: "CaseGeneration",
            dependencies: [
                "OpenAPIModel", "SchemaValidation", "BusinessRules", "YAMLSource",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // Sending cases: async-http-client, targets, tokens, retries.
        .target(
            name: "Execution",
            dependencies: [
                "CaseGeneration", "BusinessRules", "YAMLSource", "OpenAPIModel", "TLSFiles",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Judging one exchange against the contract: status, content type, schema, headers, rules.
        .target(
            name: "Checks",
            dependencies: [
                "OpenAPIModel", "SchemaValidation", "BusinessRules", "CaseGeneration", "Execution", "YAMLSource",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // JUnit XML, the HTML page and the JSON run (atomic writes), the terminal summary, curl reproductions.
        .target(
            name: "Reporting",
            dependencies: [
                "Checks", "CaseGeneration", "Execution", "OpenAPIModel", "SchemaValidation", "YAMLSource",
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "NIOHTTP1", package: "swift-nio"),
                "BusinessRules",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The run pipeline every front-end shares: the contract loaded, cases chosen and sliced,
        // the target and credentials wired, traffic verified, slices merged, reports written;
        // typed requests, a typed summary and one typed error with its exit status.
        .target(
            name: "ContractRun",
            dependencies: [
                "YAMLSource", "OpenAPIModel", "BusinessRules", "CaseGeneration", "Execution", "Checks", "Reporting", "MockServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The `contract-test` executable: argument parsing and wiring only.
        .executableTarget(
            name: "ContractTestCLI",
            dependencies: [
                "OpenAPIModel",
                "SchemaValidation",
                "MockServer",
                "BusinessRules",
                "CaseGeneration",
                "Execution",
                "Checks",
                "Reporting",
                "ValidatingProxy",
                "ContractRun",
                "YAMLSource",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // `swift run -c release LoadBenchmark`: load-stage timings against a bare libyaml scan.
        .executableTarget(
            name: "LoadBenchmark",
            dependencies: ["OpenAPIModel", "CYAML", "YAMLSource"],
            path: "Benchmarks/LoadBenchmark"
        ),
        // `swift run -c release ValidationBenchmark`: validations per second beside Python's jsonschema.
        .executableTarget(
            name: "ValidationBenchmark",
            dependencies: [
                "SchemaValidation", "OpenAPIModel", "YAMLSource",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Benchmarks/ValidationBenchmark",
            exclude: ["jsonschema_bench.py"]
        ),
        // `swift run -c release MockBenchmark`: valid creates per second beside a fixed-body route (needs wrk).
        .executableTarget(
            name: "MockBenchmark",
            dependencies: [
                "MockServer", "BusinessRules",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "OpenAPIModel",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/MockBenchmark",
            exclude: ["create.lua"]
        ),
        // Paths to the contract and fixtures, shared by the test targets.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        // `swift run -c release RunBenchmark`: the default suite's cases per second beside schemathesis.
        .executableTarget(
            name: "RunBenchmark",
            dependencies: [
                "MockServer", "BusinessRules", "CaseGeneration", "Checks", "Execution",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/RunBenchmark"
        ),
        // `swift run -c release RateLimitBenchmark`: how closely --rate-limit N keeps to N requests per second.
        .executableTarget(
            name: "RateLimitBenchmark",
            dependencies: [
                "ContractRun", "MockServer", "BusinessRules", "OpenAPIModel", "CaseGeneration",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/RateLimitBenchmark"
        ),
        // `swift run -c release ProxyBenchmark`: latency and throughput through the validating proxy beside direct.
        .executableTarget(
            name: "ProxyBenchmark",
            dependencies: [
                "MockServer", "BusinessRules", "Checks", "OpenAPIModel", "ValidatingProxy",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/ProxyBenchmark"
        ),
        .testTarget(name: "YAMLSourceTests", dependencies: ["YAMLSource"]),
        .testTarget(
            name: "OpenAPIModelTests",
            dependencies: ["TestSupport", "OpenAPIModel"]
        ),
        .testTarget(
            name: "SchemaValidationTests",
            dependencies: [
                "TestSupport", "SchemaValidation", "OpenAPIModel", "YAMLSource",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .testTarget(
            name: "BusinessRulesTests",
            dependencies: ["TestSupport", "BusinessRules", "OpenAPIModel", "SchemaValidation", "YAMLSource"]
        ),
        .testTarget(
            name: "MockServerTests",
            dependencies: [
                "MockServer", "TestSupport", "BusinessRules", "OpenAPIModel", "SchemaValidation", "YAMLSource",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .testTarget(
            name: "CaseGenerationTests",
            dependencies: [
                "TestSupport", "CaseGeneration", "BusinessRules", "OpenAPIModel", "SchemaValidation", "YAMLSource",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .testTarget(
            name: "ExecutionTests",
            dependencies: [
                "Execution", "CaseGeneration", "OpenAPIModel", "YAMLSource",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "TestSupport",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The default gate in-process against the mock's faults, at many seeds.
        .testTarget(
            name: "GateTests",
            dependencies: [
                "TestSupport", "MockServer", "BusinessRules", "OpenAPIModel", "CaseGeneration", "Checks", "Execution", "YAMLSource",
                "SchemaValidation", "Reporting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Checks", "CaseGeneration", "Execution", "OpenAPIModel", "YAMLSource"]
        ),
        .testTarget(
            name: "ContractRunTests",
            dependencies: [
                "TestSupport", "ContractRun", "Reporting", "CaseGeneration", "MockServer", "Checks", "Execution", "YAMLSource",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ContractTestCLITests",
            dependencies: [
                "TestSupport", "ContractTestCLI", "MockServer", "BusinessRules", "OpenAPIModel", "YAMLSource",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
