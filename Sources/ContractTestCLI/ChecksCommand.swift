import ArgumentParser
import Checks
import Foundation

/// `contract-test checks`: every check an answer can be judged by, with what it asserts.
struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List the checks answers are judged by (for run --checks and --exclude-checks).")

    func run() {
        let width = CheckName.allCases.map(\.rawValue.count).max() ?? 0
        for check in CheckName.allCases {
            print(check.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + check.summary)
        }
    }
}
