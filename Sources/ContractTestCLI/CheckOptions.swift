import ArgumentParser
import Foundation
import Checks

/// Which checks judge the answers: shared by `run` and `verify`.
struct CheckOptions: ParsableArguments {
    @Flag(help: "Also fail response members the schema does not declare (the undocumented-member check).")
    var strict = false

    @Option(help: "Judge by these checks only, comma-separated (`contract-test checks` lists them).")
    var checks: String?

    @Option(help: "Do not judge by these checks, comma-separated.")
    var excludeChecks: String?

    func validate() throws {
        _ = try selected()
    }

    /// The checks these options choose.
    func selected() throws -> Set<CheckName> {
        func names(_ list: String?, option: String) throws -> [CheckName]? {
            guard let list else { return nil }
            return try list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { name in
                guard let check = CheckName(rawValue: name) else {
                    throw ValidationError("unknown check '\(name)' in \(option): expected one of \(CheckName.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return check
            }
        }
        return CheckName.selection(only: try names(checks, option: "--checks"), excluded: try names(excludeChecks, option: "--exclude-checks") ?? [],
                                   strict: strict)
    }
}
