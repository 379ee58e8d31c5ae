import ArgumentParser
import BusinessRules
import Foundation
import OpenAPIModel
import YAMLSource

/// Loading the contract and its rules for a command, with problems printed where they are.
enum ContractLoading {
    static func load(spec: String, rules: String?) throws -> (OpenAPIDocument, BusinessRules) {
        let loaded = OpenAPILoader().load(file: spec)
        let renderer = DiagnosticRenderer(sources: loaded.sourceMap.sources)
        guard let document = loaded.document, !loaded.hasErrors else {
            Console.error(renderer.render(loaded.diagnostics.filter { $0.severity == .error }))
            throw ExitCode(2)
        }
        let rulesFile = rules ?? BusinessRules.defaultFile(forSpec: spec)
        guard rules != nil || FileManager.default.fileExists(atPath: rulesFile) else { return (document, .none) }
        let (businessRules, diagnostics) = BusinessRules.load(file: rulesFile, document: document)
        guard let businessRules else {
            let source = try? SourceFile(contentsOf: rulesFile)
            Console.error(DiagnosticRenderer(sources: source.map { [$0] } ?? []).render(diagnostics))
            throw ExitCode(2)
        }
        return (document, businessRules)
    }
}
