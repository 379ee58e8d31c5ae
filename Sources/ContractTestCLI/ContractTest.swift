import ArgumentParser

/// `contract-test`: OpenAPI contract tests for the Developer Partner APIs.
@main
struct ContractTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract-test",
        abstract: "OpenAPI contract tests for the Developer Partner APIs.",
        subcommands: [Lint.self]
    )
}
