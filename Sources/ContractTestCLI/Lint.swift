import ArgumentParser
import Foundation
import OpenAPIModel
import SchemaValidation
import YAMLSource

/// `contract-test lint SPEC...`: load each document, summarize it, print every problem.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check OpenAPI documents and summarize them.",
        discussion: "Exits 0 when no document has an error (warnings allowed), 2 otherwise."
    )

    @Argument(help: "OpenAPI documents (YAML or JSON).")
    var specs: [String]

    @Option(help: "text for people, json for tools.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Remote references")
    var remoteReferences: RemoteReferenceOptions

    func run() throws {
        let loader = remoteReferences.loader
        let reports = specs.map { path in LintReport(path: path, result: loader.load(file: path)) }
        switch format {
        case .text:
            print(reports.map(\.text).joined(separator: "\n\n"))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(reports.map(\.json))
            print(String(decoding: data, as: UTF8.self))
        }
        if reports.contains(where: { $0.diagnostics.contains { $0.severity == .error } }) {
            throw ExitCode(2)
        }
    }
}

/// One document's lint outcome, in both output forms.
struct LintReport {
    var path: String
    var result: LoadResult
    /// The loader's problems, and examples that contradict their schemas.
    var diagnostics: [Diagnostic]

    init(path: String, result: LoadResult) {
        self.path = path
        self.result = result
        diagnostics = (result.diagnostics + (result.document.map(ExampleCheck.diagnostics) ?? [])).sorted()
    }

    /// The JSON shape of a document's report.
    struct JSON: Encodable {
        struct Problem: Encodable {
            var severity: String
            var message: String
            var file: String?
            var line: Int?
            var column: Int?
            var pointer: String?
        }

        var file: String
        var valid: Bool
        var summary: DocumentSummary?
        var problems: [Problem]
    }

    var json: JSON {
        JSON(
            file: path,
            valid: !diagnostics.contains { $0.severity == .error },
            summary: result.document.map(DocumentSummary.init),
            problems: diagnostics.map {
                .init(
                    severity: $0.severity.rawValue, message: $0.message, file: $0.mark?.file,
                    line: $0.mark?.line, column: $0.mark?.column, pointer: $0.pointer)
            })
    }

    var text: String {
        var lines: [String] = []
        if let document = result.document {
            let summary = DocumentSummary(document)
            let format = summary.convertedFrom.map { "\($0) (read as OpenAPI \(summary.openapi))" } ?? "OpenAPI \(summary.openapi)"
            lines.append("\(path): \(format), \"\(summary.title)\" \(summary.version)")
            lines.append("  servers:")
            lines +=
                summary.servers.isEmpty
                ? ["    (none: '/' is implied)"]
                : summary.servers.map { "    \($0.url)" + ($0.description.map { "  (\($0))" } ?? "") }
            lines.append("  operations (\(summary.operations.count)):")
            let width = summary.operations.map { $0.method.count + 1 + $0.path.count }.max() ?? 0
            lines += summary.operations.map { operation in
                let head = "\(operation.method) \(operation.path)"
                return "    " + head.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  " + (operation.operationId ?? "(no operationId)")
            }
            lines.append("  schemas: \(summary.schemaCount)")
            let schemes = summary.securitySchemes.map { "\($0.name) (\($0.kind))" }
            lines.append("  security schemes: " + (schemes.isEmpty ? "none" : schemes.joined(separator: ", ")))
            if summary.fileCount > 1 { lines.append("  files: \(summary.fileCount)") }
            let remote = result.sourceMap.files.compactMap { url, file in file.remote.map { (url, $0) } }
            if !remote.isEmpty {
                lines.append("  remote documents:")
                lines += remote.map { url, reading in "    \(url)  (sha256 \(reading.sha256.prefix(12)), \(reading.origin.inWords))" }
            }
        } else {
            lines.append("\(path): not loaded")
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        lines.append(
            "  problems: "
                + (diagnostics.isEmpty
                    ? "none"
                    : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"))
        if !diagnostics.isEmpty {
            lines.append(DiagnosticRenderer(sources: result.sourceMap.sources).render(diagnostics))
        }
        return lines.joined(separator: "\n")
    }
}

extension RemoteDocument.Origin {
    /// `fetched`, `unchanged since cached`, `cached copy of DATE`.
    var inWords: String {
        switch self {
        case .fetched: "fetched"
        case .unchanged: "unchanged since cached"
        case .cachedAfterFailure(_, let fetchedAt): "cached copy of \(fetchedAt)"
        }
    }
}
