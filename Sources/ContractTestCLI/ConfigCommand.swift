import ArgumentParser
import ContractRun
import Foundation

/// `contract-test config`: the settings a run with the same options would use, each with
/// where it came from (a flag, the configuration file's line, the default); secrets redacted.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the configuration a run would use, and where each value comes from.",
        discussion: "Takes run's options. A value read from an environment variable is shown as written (${NAME}), never its value."
    )

    @OptionGroup var options: RunOptions

    func run() throws {
        let lines = try options.effective().lines
        let width = min(lines.map(\.text.count).max() ?? 0, 72)
        for line in lines {
            guard let origin = line.origin else {
                print(line.text)
                continue
            }
            print(line.text.padding(toLength: max(width, line.text.count), withPad: " ", startingAt: 0) + "  # " + origin)
        }
    }
}
