import ArgumentParser
import ContractRun

/// The document a command works on, its rules and how remote references are fetched: one
/// option group, so `run`, `cases`, `verify` and `mock` name them alike.
struct ContractOptions: ParsableArguments {
    @Option(help: "The OpenAPI document.")
    var spec = ContractSource.defaultSpec

    @Option(help: "The business rules (default: NAME.rules.yaml beside the spec, when present).")
    var rules: String?

    @OptionGroup(title: "Remote references")
    var remoteReferences: RemoteReferenceOptions

    var source: ContractSource {
        ContractSource(spec: spec, rules: rules, loader: remoteReferences.loader)
    }

    /// The document and its rules; the errors it goes on despite are printed as warnings.
    func load() throws(RunError) -> LoadedContract {
        let contract = try source.load()
        if let text = contract.toleratedText { Console.error(text) }
        return contract
    }
}
