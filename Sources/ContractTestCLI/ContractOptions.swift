import ArgumentParser
import BusinessRules
import OpenAPIModel

/// The document a command works on, its rules and how remote references are fetched: one
/// option group, so `run`, `cases`, `verify` and `mock` name them alike.
struct ContractOptions: ParsableArguments {
    /// The contract this project is for.
    static let defaultSpec = "specs/partneraccount.yaml"

    @Option(help: "The OpenAPI document.")
    var spec = ContractOptions.defaultSpec

    @Option(help: "The business rules (default: NAME.rules.yaml beside the spec, when present).")
    var rules: String?

    @OptionGroup(title: "Remote references")
    var remoteReferences: RemoteReferenceOptions

    /// The document and its rules, with the operations its errors stop; problems are printed
    /// and end the command with status 2 (`ContractLoading`).
    func load() throws -> (OpenAPIDocument, BusinessRules, skipped: [String: String]) {
        try ContractLoading.load(spec: spec, rules: rules, loader: remoteReferences.loader)
    }
}
