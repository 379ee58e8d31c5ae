import ArgumentParser
import ContractRun
import Foundation

/// `contract-test`: OpenAPI contract tests for the Developer Partner APIs.
@main
struct ContractTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract-test",
        abstract: "OpenAPI contract tests for the Developer Partner APIs.",
        version: ReportPaths.toolVersion,
        subcommands: [
            Run.self, Cases.self, ConfigCommand.self, Merge.self, Verify.self, Proxy.self, ChecksCommand.self, Lint.self, Validate.self, Mock.self,
        ],
        defaultSubcommand: Run.self
    )

    /// Exit codes are part of the interface (`ExitStatus`): 0 passed, 1 contract failures, 2
    /// usage or spec error, 3 target unreachable. Every stage's error is a `RunError`, printed
    /// here and only here; ArgumentParser's usage errors (64) become 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as RunError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(error.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
