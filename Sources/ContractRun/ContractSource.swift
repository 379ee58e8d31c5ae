import BusinessRules
import CaseGeneration
import Foundation
import OpenAPIModel
import OrderedCollections
import YAMLSource

/// The contract a command works on: the document, its rules file, and how remote references
/// are had.
public struct ContractSource: Sendable {
    /// The contract this project is for.
    public static let defaultSpec = "specs/partneraccount.yaml"

    /// The document: a path or a URL.
    public var spec: String
    /// The rules file; `nil`: `NAME.rules.yaml` beside the document, when present.
    public var rules: String?
    /// How the document is loaded (remote references, their cache).
    public var loader: OpenAPILoader

    /// The contract at `spec`, by default this project's.
    public init(spec: String = ContractSource.defaultSpec, rules: String? = nil, loader: OpenAPILoader = OpenAPILoader()) {
        self.spec = spec
        self.rules = rules
        self.loader = loader
    }

    /// The document and its rules. An error that changes nothing sent or judged becomes a
    /// warning, one confined to some operations skips them; one that touches the whole
    /// document, or every operation, or the rules, is thrown.
    public func load() throws(RunError) -> LoadedContract {
        let loaded = loader.load(file: spec)
        let sources = loaded.sourceMap.sources
        let reaches = loaded.errorReaches()
        guard let document = loaded.document, !reaches.contains(where: { $0.reach == .document }) else {
            throw .contract(reaches.filter { $0.reach == .document }.map(\.diagnostic), sources: sources)
        }
        var skipped: [String: SkipReason] = [:]
        var tolerated: [Diagnostic] = []
        for (diagnostic, reach) in reaches {
            switch reach {
            case .documentation:
                var warning = diagnostic
                warning.severity = .warning
                warning.message += " (this changes nothing that is sent or judged: the run goes on; lint counts it as an error)"
                tolerated.append(warning)
            case .operations(let ids):
                for id in ids where skipped[id] == nil {
                    skipped[id] = .documentError(at: diagnostic.mark, message: diagnostic.message)
                }
                tolerated.append(diagnostic)
            case .document:
                break
            }
        }
        if !skipped.isEmpty, document.operations.allSatisfy({ skipped[$0.id] != nil }) {
            throw .contract(loaded.diagnostics.filter { $0.severity == .error }, sources: sources)
        }
        var contract = LoadedContract(
            spec: spec, document: document, rules: .none, skipped: skipped, tolerated: tolerated,
            sources: sources, digest: Self.digest(of: loaded.sourceMap))
        contract.fetchedSHA256 = loaded.sourceMap.files[spec]?.remote?.sha256
        let rulesFile = rules ?? BusinessRules.defaultFile(forSpec: spec)
        guard rules != nil || FileManager.default.fileExists(atPath: rulesFile) else { return contract }
        let (businessRules, diagnostics) = BusinessRules.load(file: rulesFile, document: document)
        guard let businessRules else {
            let source = try? SourceFile(contentsOf: rulesFile)
            throw .contract(diagnostics, sources: source.map { [$0] } ?? [])
        }
        contract.rules = businessRules
        return contract
    }

    /// A digest of the text of every file the document is made of (FNV-1a, 64 bits, over
    /// each file's name and bytes in name order), so slices of different documents are not
    /// merged: a change in a referenced file changes it too.
    static func digest(of sourceMap: SourceMap) -> String? {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        let files = sourceMap.sources.sorted { $0.path < $1.path }
        guard !files.isEmpty else { return nil }
        for file in files {
            mix(file.path.utf8)
            mix([0])
            mix(file.bytes)
        }
        return String(hash, radix: 16)
    }
}

/// A contract ready to run or judge by: what `ContractSource.load` gives.
public struct LoadedContract: Sendable {
    /// The document as named.
    public var spec: String
    /// The document, loaded.
    public var document: OpenAPIDocument
    /// Its business rules (none when it has no rules file).
    public var rules: BusinessRules
    /// Operations the document's errors stop, by id, with the reason.
    public var skipped: [String: SkipReason]
    /// The document's errors the run goes on despite (shown as warnings).
    public var tolerated: [Diagnostic]
    /// The files those diagnostics quote.
    public var sources: [SourceFile]
    /// What `merge` compares to tell documents apart.
    public var digest: String?
    /// The SHA-256 of the document's text, when it was fetched from a URL (`--spec URL`):
    /// what the reports record of which text was judged by.
    public var fetchedSHA256: String?

    /// The tolerated problems as the terminal shows them; `nil` when there are none.
    public var toleratedText: String? {
        tolerated.isEmpty ? nil : DiagnosticRenderer(sources: sources).render(tolerated)
    }
}
