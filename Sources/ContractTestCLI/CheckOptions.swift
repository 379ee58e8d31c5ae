import ArgumentParser
import Checks
import ContractRun
import Foundation

/// Which checks judge the answers: shared by `run` and `verify`.
struct CheckOptions: ParsableArguments {
    @Flag(help: "Also fail response members the schema does not declare (the undocumented-member check).")
    var strict = false

    @Option(help: "Judge by these checks only, comma-separated (`contract-test checks` lists them).")
    var checks: String?

    @Option(help: "Do not judge by these checks, comma-separated.")
    var excludeChecks: String?

    @Option(help: ArgumentHelp("Fail answers slower than this (the response-time check; off unless given).", valueName: "ms"))
    var maxResponseTime: Int?

    func validate() throws {
        if let maxResponseTime, maxResponseTime < 1 { throw ValidationError("--max-response-time must be at least 1 ms") }
        if maxResponseTime == nil,
            checks?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == CheckName.responseTime.rawValue }) == true
        {
            throw ValidationError("--checks names response-time: give --max-response-time MS, the time an answer may take")
        }
        _ = try selected()
    }

    /// What these options say of a run.
    func fill(_ settings: inout RunSettings) throws {
        settings.checksOnly = try names(checks, option: "--checks")
        settings.checksExcluded = try names(excludeChecks, option: "--exclude-checks")
        settings.strict = strict ? true : nil
        settings.maxResponseTime = maxResponseTime
    }

    /// The longest an answer may take, in seconds.
    var responseTimeLimit: Double? { maxResponseTime.map { Double($0) / 1000 } }

    /// The checks a comma-separated list names.
    private func names(_ list: String?, option: String) throws -> [CheckName]? {
        guard let list else { return nil }
        return try list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { name in
            guard let check = CheckName(rawValue: name) else {
                throw ValidationError(
                    "unknown check '\(name)' in \(option): expected one of \(CheckName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return check
        }
    }

    /// The checks these options choose.
    func selected() throws -> Set<CheckName> {
        return CheckName.selection(
            only: try names(checks, option: "--checks"), excluded: try names(excludeChecks, option: "--exclude-checks") ?? [],
            strict: strict, timed: maxResponseTime != nil)
    }
}
