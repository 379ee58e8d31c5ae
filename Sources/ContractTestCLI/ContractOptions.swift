import ArgumentParser
import ContractRun

/// The document a command works on, its rules and how remote references are fetched: one
/// option group, so `run`, `cases`, `verify` and `mock` name them alike.
struct ContractOptions: ParsableArguments {
    @Option(help: "The OpenAPI document (default: \(ContractSource.defaultSpec)).")
    var spec: String?

    @Option(help: "The business rules (default: NAME.rules.yaml beside the spec, when present).")
    var rules: String?

    @OptionGroup(title: "Remote references")
    var remoteReferences: RemoteReferenceOptions

    var source: ContractSource {
        ContractSource(spec: spec ?? ContractSource.defaultSpec, rules: rules, loader: remoteReferences.loader)
    }

    /// What these options say of a run.
    func fill(_ settings: inout RunSettings) {
        settings.spec = spec
        settings.rules = rules
        settings.noRemoteRefs = remoteReferences.noRemoteRefs ? true : nil
        settings.refCache = remoteReferences.refCache
    }

    /// The document and its rules; the errors it goes on despite are printed as warnings.
    func load() throws(RunError) -> LoadedContract {
        let contract = try source.load()
        if let text = contract.toleratedText { Console.error(text) }
        return contract
    }
}
