import Foundation
@_spi(Testing) import SchemaValidation
import Testing
import YAMLSource

/// Runs the official JSON Schema Test Suite (Tests/Fixtures/json-schema-test-suite): every
/// case must pass or be listed, with its reason, in `suiteExclusions`.
@Suite("JSON Schema Test Suite")
struct JSONSchemaTestSuiteTests {
    static let suite = fixtures + "/json-schema-test-suite"

    /// Remote references (`http://localhost:1234/...`) come from the suite's remotes folder.
    static func loader(_ uri: String) -> (node: Node, file: String)? {
        let prefix = "http://localhost:1234/"
        guard uri.hasPrefix(prefix) else { return nil }
        let path = suite + "/remotes/" + uri.dropFirst(prefix.count)
        guard let bytes = readFile(path) else { return nil }
        return YAMLParser().parse(SourceFile(path: path, bytes: bytes)).root.map { ($0, path) }
    }

    struct Tally: CustomStringConvertible {
        var passed = 0
        var failed: [String] = []
        var excluded = 0
        /// Cases where the quick pass answered, and differently from the full evaluation.
        var quickDisagrees: [String] = []
        /// How often the quick pass was asked (each case, with and without formats asserted),
        /// and how often it answered by itself rather than "cannot tell".
        var quickAsked = 0
        var quickAnswered = 0

        /// The share of questions the quick pass settled alone, in percent.
        var quickAnswerRate: Double { quickAsked == 0 ? 0 : Double(quickAnswered) * 100 / Double(quickAsked) }

        var description: String {
            "passed \(passed), failed \(failed.count), excluded \(excluded); quick pass answered \(quickAnswered) of \(quickAsked)"
        }
    }

    /// The least share of questions (percent) the quick pass must settle by itself in each
    /// folder: a quick pass that said "cannot tell" more often would still agree with the full
    /// evaluation, and only cost speed. Measured: draft-04 and every format folder 100, draft
    /// 2020-12 81.2 (`$dynamicRef`, `unevaluated*` and loops are the full evaluation's),
    /// 2020-12 optional 98.8.
    static let quickAnswerFloor: [String: Double] = [
        "draft2020-12": 80, "draft2020-12/optional": 97, "draft4": 100, "draft4/optional": 100,
        "draft4/optional/format": 100, "draft2020-12/optional/format": 100,
    ]

    /// `assertFormats`: the verdict counts `format` (the suite's `optional/format` folders expect it).
    static func run(folder: String, dialect: ValidationDialect, assertFormats verdictAssertsFormats: Bool = false) throws -> Tally {
        var tally = Tally()
        let directory = suite + "/tests/" + folder
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
            $0.hasSuffix(".json") && (!verdictAssertsFormats || suiteFormatsNotAsserted[$0] == nil)
        }.sorted()
        for file in files {
            let path = directory + "/" + file
            let bytes = try #require(readFile(path))
            let root = try #require(YAMLParser().parse(SourceFile(path: path, bytes: bytes)).root)
            let groups: [Node] = root.sequence.map { Array($0) } ?? []
            for (groupIndex, group) in groups.enumerated() {
                let groupName = group["description"]?.string ?? "\(groupIndex)"
                let compiler = SchemaCompiler(dialect: dialect, loader: loader)
                let validator = compiler.validator(
                    forDocument: try #require(group["schema"]), uri: "https://test.json-schema.org/\(folder)/\(file)/\(groupIndex)", file: path)
                let tests: [Node] = group["tests"]?.sequence.map { Array($0) } ?? []
                for test in tests {
                    let name = "\(folder)/\(file) | \(groupName) | \(test["description"]?.string ?? "")"
                    let data = JSONValue(try #require(test["data"]))
                    let expected = test["valid"]?.scalar?.bool ?? false
                    let errors = validator.validate(data, formats: verdictAssertsFormats ? .strict : .annotation)
                    for formats in [FormatReading.annotation, .strict, .anyReading] {
                        let full = validator.evaluateFully(data, formats: formats)
                        let quick = validator.quickVerdict(data, formats: formats)
                        tally.quickAsked += 1
                        if let quick {
                            tally.quickAnswered += 1
                            if quick != full.isEmpty {
                                tally.quickDisagrees.append(
                                    "\(name): quick pass says \(quick ? "valid" : "invalid") (formats read: \(formats))")
                            }
                        }
                    }
                    if suiteExclusions[name] != nil {
                        tally.excluded += 1
                    } else if errors.isEmpty == expected {
                        tally.passed += 1
                    } else {
                        tally.failed.append(
                            "\(name): expected \(expected ? "valid" : "invalid"); \(errors.first.map(\.description) ?? "no error")\(compiler.diagnostics.isEmpty ? "" : " [compile: \(compiler.diagnostics.map(\.description))]")"
                        )
                    }
                }
            }
        }
        return tally
    }

    @Test("draft 2020-12 (OpenAPI 3.1 and 3.2 schemas): every required case", arguments: ["draft2020-12", "draft2020-12/optional"])
    func draft2020(folder: String) throws {
        let tally = try Self.run(folder: folder, dialect: .draft2020_12)
        print("JSON Schema Test Suite \(folder): \(tally)")
        #expect(tally.failed == [], "\(tally.failed.joined(separator: "\n"))")
        #expect(tally.quickDisagrees == [], "\(tally.quickDisagrees.joined(separator: "\n"))")
        #expect(tally.quickAnswerRate >= Self.quickAnswerFloor[folder] ?? 100, "\(tally)")
    }

    @Test("draft-04 (the base of OpenAPI 3.0's dialect): every required case", arguments: ["draft4", "draft4/optional"])
    func draft4(folder: String) throws {
        let tally = try Self.run(folder: folder, dialect: .draft4)
        print("JSON Schema Test Suite \(folder): \(tally)")
        #expect(tally.failed == [], "\(tally.failed.joined(separator: "\n"))")
        #expect(tally.quickDisagrees == [], "\(tally.quickDisagrees.joined(separator: "\n"))")
        #expect(tally.quickAnswerRate >= Self.quickAnswerFloor[folder] ?? 100, "\(tally)")
    }

    /// OpenAPI asserts formats, so the suite's optional format cases hold for every format this
    /// validator knows, each by its own dialect's definition (`hostname`: RFC 1123 in draft-04,
    /// IDNA2008 in 2020-12).
    @Test(
        "formats asserted, by each dialect's definitions",
        arguments: [
            ("draft4/optional/format", ValidationDialect.draft4), ("draft4/optional/format", .openAPI30),
            ("draft2020-12/optional/format", .draft2020_12),
        ])
    func formats(folder: String, dialect: ValidationDialect) throws {
        let tally = try Self.run(folder: folder, dialect: dialect, assertFormats: true)
        print("JSON Schema Test Suite \(folder) (\(dialect)): \(tally)")
        #expect(tally.failed == [], "\(tally.failed.joined(separator: "\n"))")
        #expect(tally.quickDisagrees == [], "\(tally.quickDisagrees.joined(separator: "\n"))")
        #expect(tally.quickAnswerRate >= Self.quickAnswerFloor[folder] ?? 100, "\(tally)")
    }
}
