// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// The root package's identity: SwiftPM names a path dependency by its folder, whatever the
/// clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

/// libFuzzer targets over the project's own parsers, validator and mock. Built only by
/// `scripts/fuzz` (with `-sanitize=fuzzer`, which supplies `main`), never by `swift build`
/// at the root, so the main package carries no fuzzing flags.
let package = Package(
    name: "contract-test-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libFuzzer's driver, called from each target's entry point.
        .target(name: "FuzzDriver"),
        // The repository's contract and rules, loaded once (the mock and traffic targets).
        .target(
            name: "FuzzContract",
            dependencies: [
                .product(name: "OpenAPIModel", package: root), .product(name: "BusinessRules", package: root),
            ]),
        // JSON text → JSONValue (the checks' and the mock's body parser).
        .executableTarget(name: "FuzzJSONParser", dependencies: ["FuzzDriver", .product(name: "SchemaValidation", package: root)]),
        // YAML or JSON bytes → libyaml → node tree → OpenAPI model.
        .executableTarget(
            name: "FuzzYAMLLoader",
            dependencies: [
                "FuzzDriver",
                .product(name: "OpenAPIModel", package: root), .product(name: "YAMLSource", package: root),
            ]),
        // A whole document: loaded and checked as lint does, its cases made as run does.
        .executableTarget(
            name: "FuzzDocument",
            dependencies: [
                "FuzzDriver",
                .product(name: "OpenAPIModel", package: root), .product(name: "YAMLSource", package: root),
                .product(name: "SchemaValidation", package: root), .product(name: "CaseGeneration", package: root),
                .product(name: "BusinessRules", package: root),
            ]),
        // A schema and an instance: compile the schema, validate, synthesize.
        .executableTarget(
            name: "FuzzSchemaValidator",
            dependencies: [
                "FuzzDriver",
                .product(name: "SchemaValidation", package: root), .product(name: "YAMLSource", package: root),
            ]),
        // A request to the contract's mock: routing, security, parameters, bodies, answers.
        .executableTarget(
            name: "FuzzMockRequest",
            dependencies: [
                "FuzzDriver", "FuzzContract",
                .product(name: "MockServer", package: root), .product(name: "OpenAPIModel", package: root),
                .product(name: "BusinessRules", package: root), .product(name: "SchemaValidation", package: root),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Bytes as a traffic file (HAR or run.json): read, judged, every report made of it.
        .executableTarget(
            name: "FuzzTrafficFile",
            dependencies: [
                "FuzzDriver", "FuzzContract",
                .product(name: "OpenAPIModel", package: root), .product(name: "BusinessRules", package: root),
                .product(name: "Execution", package: root), .product(name: "Checks", package: root),
                .product(name: "Reporting", package: root),
            ]),
    ]
)
