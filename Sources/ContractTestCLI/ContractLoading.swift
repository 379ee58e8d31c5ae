import ArgumentParser
import BusinessRules
import Foundation
import OpenAPIModel
import YAMLSource

/// Loading the contract and its rules for a command, with problems printed where they are.
enum ContractLoading {
    /// The document and its rules, with the operations its errors stop (by id, with the
    /// reason). An error that changes nothing sent or judged is printed as a warning; one that
    /// touches the whole document, or every operation, ends the command with status 2.
    static func load(spec: String, rules: String?, loader: OpenAPILoader) throws -> (OpenAPIDocument, BusinessRules, skipped: [String: String]) {
        let loaded = loader.load(file: spec)
        let renderer = DiagnosticRenderer(sources: loaded.sourceMap.sources)
        let reaches = loaded.errorReaches()
        guard let document = loaded.document, !reaches.contains(where: { $0.reach == .document }) else {
            Console.error(renderer.render(reaches.filter { $0.reach == .document }.map(\.diagnostic)))
            throw ExitCode(2)
        }
        var skipped: [String: String] = [:]
        var tolerated: [Diagnostic] = []
        for (diagnostic, reach) in reaches {
            switch reach {
            case .documentation:
                var warning = diagnostic
                warning.severity = .warning
                warning.message += " (this changes nothing that is sent or judged: the run goes on; lint counts it as an error)"
                tolerated.append(warning)
            case .operations(let ids):
                let place = diagnostic.mark.map { "\($0): " } ?? ""
                for id in ids where skipped[id] == nil {
                    skipped[id] = "the document has an error in this operation: \(place)\(diagnostic.message)"
                }
                tolerated.append(diagnostic)
            case .document:
                break
            }
        }
        if !skipped.isEmpty, document.operations.allSatisfy({ skipped[$0.id] != nil }) {
            Console.error(renderer.render(loaded.diagnostics.filter { $0.severity == .error }))
            throw ExitCode(2)
        }
        if !tolerated.isEmpty { Console.error(renderer.render(tolerated)) }
        let rulesFile = rules ?? BusinessRules.defaultFile(forSpec: spec)
        guard rules != nil || FileManager.default.fileExists(atPath: rulesFile) else { return (document, .none, skipped) }
        let (businessRules, diagnostics) = BusinessRules.load(file: rulesFile, document: document)
        guard let businessRules else {
            let source = try? SourceFile(contentsOf: rulesFile)
            Console.error(DiagnosticRenderer(sources: source.map { [$0] } ?? []).render(diagnostics))
            throw ExitCode(2)
        }
        return (document, businessRules, skipped)
    }
}
