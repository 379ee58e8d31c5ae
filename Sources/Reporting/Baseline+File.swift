import Checks
import Foundation
import SchemaValidation
import YAMLSource

extension Baseline {
    /// The reason `--write-baseline` writes, to be replaced: an entry that still has it (or
    /// none) accepts nothing, so a drift is never accepted without someone saying why.
    static let placeholderReason = "TODO: why this drift is accepted"

    /// The fields an entry may have.
    static let fields = ["operation", "check", "member", "expectation", "example", "reason", "ticket", "expires"]

    /// Reads a baseline file with the project's YAML loader; every problem is a diagnostic with
    /// its line and column, and a file with any is not used.
    public static func read(file: String) -> (baseline: Baseline?, source: SourceFile?, diagnostics: [Diagnostic]) {
        let (parsedRoot, source, parsed) = YAMLParser().parse(file: file)
        guard let root = parsedRoot else { return (nil, source, parsed) }
        var diagnostics = parsed
        var entries: [Entry] = []
        guard root.isMapping, let problems = root["problems"] else {
            let found = root.isMapping ? "no 'problems'" : root.kindDescription
            return (
                nil, source,
                diagnostics + [
                    .error("expected a baseline (a mapping with 'problems', as `run --write-baseline` writes it), found \(found)", at: root.mark)
                ]
            )
        }
        for entry in root.mapping.map(Array.init) ?? [] where !entry.key.hasText("problems") {
            diagnostics.append(.error("unknown field '\(entry.key.scalar?.text ?? "")': expected 'problems'", at: entry.key.mark))
        }
        if problems.scalarKind == .null {
            return (Baseline(entries: [], file: file), source, diagnostics)
        }
        guard let list = problems.sequence else {
            return (nil, source, diagnostics + [.error("expected a list of problems, found \(problems.kindDescription)", at: problems.mark)])
        }
        for node in list {
            if let entry = readEntry(node, into: &diagnostics) { entries.append(entry) }
        }
        guard !diagnostics.containsError else { return (nil, source, diagnostics) }
        return (Baseline(entries: entries, file: file), source, diagnostics)
    }

    private static func readEntry(_ node: Node, into diagnostics: inout [Diagnostic]) -> Entry? {
        guard node.isMapping else {
            diagnostics.append(
                .error("expected a problem (a mapping with operation, check, expectation and reason), found \(node.kindDescription)", at: node.mark))
            return nil
        }
        for entry in node.mapping.map(Array.init) ?? [] where !fields.contains(entry.key.scalar?.text ?? "") {
            diagnostics.append(
                .error("unknown field '\(entry.key.scalar?.text ?? "")': expected one of \(fields.joined(separator: ", "))", at: entry.key.mark))
        }
        func text(_ name: String, required: Bool) -> String? {
            guard let value = node[name] else {
                if required { diagnostics.append(.error("the problem has no '\(name)'", at: node.mark)) }
                return nil
            }
            if !required, value.scalarKind == .null { return nil }
            guard let string = value.string else {
                diagnostics.append(.error("'\(name)' must be a string, found \(value.kindDescription)", at: value.mark))
                return nil
            }
            return string
        }
        let operation = text("operation", required: true)
        let checkName = text("check", required: true)
        let member = text("member", required: false)
        let expectation = text("expectation", required: true)
        _ = text("example", required: false)
        let reason = text("reason", required: true)
        let ticket = text("ticket", required: false)
        let expires = text("expires", required: false)
        var check: CheckName?
        if let checkName {
            check = CheckName(rawValue: checkName)
            if check == nil, let value = node["check"] {
                diagnostics.append(
                    .error(
                        "unknown check '\(checkName)': expected one of \(CheckName.allCases.map(\.rawValue).joined(separator: ", "))", at: value.mark)
                )
            }
        }
        if let expires, !isDate(expires), let value = node["expires"] {
            diagnostics.append(
                .error("'expires' must be a date as YYYY-MM-DD (the last day the problem is accepted), found '\(expires)'", at: value.mark))
        }
        if let reason, reason == placeholderReason || reason.allSatisfy(\.isWhitespace), let value = node["reason"] {
            let found = reason == placeholderReason ? "still the generated '\(placeholderReason)'" : "empty"
            diagnostics.append(
                .error("the reason is \(found): write why this drift is accepted (who agreed, and a ticket if there is one)", at: value.mark))
        }
        guard let operation, let check, let expectation, let reason else { return nil }
        return Entry(
            fingerprint: Problem.Fingerprint(operationId: operation, check: check, member: member, expectation: expectation),
            reason: reason, ticket: ticket, expires: expires, mark: node.mark)
    }

    /// `YYYY-MM-DD` naming a day of the calendar.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// A baseline of a run's problems, as YAML: each with a reason to fill in.
    public static func yaml(of problems: [Problem], spec: String) -> String {
        func quoted(_ text: String) -> String { JSONValue.string(text).jsonText }
        var out = """
            # Known problems of \(spec), written by `contract-test run --write-baseline`.
            # A run with `--baseline` fails only on problems not listed here. Say why each is
            # accepted in `reason`; `ticket` and `expires` (YYYY-MM-DD, the last day it is
            # accepted) are optional. Remove an entry once the run reports it resolved.

            """
        if problems.isEmpty { return out + "problems: []\n" }
        out += "problems:\n"
        let ordered = problems.sorted {
            ($0.operationId, $0.check.rawValue, $0.member ?? "", $0.example.expectation)
                < ($1.operationId, $1.check.rawValue, $1.member ?? "", $1.example.expectation)
        }
        for problem in ordered {
            out += "  - operation: \(quoted(problem.operationId))\n"
            out += "    check: \(problem.check.rawValue)\n"
            if let member = problem.member { out += "    member: \(quoted(member))\n" }
            out += "    expectation: \(quoted(problem.example.expectation))\n"
            out += "    example: \(quoted(problem.headline))\n"
            out += "    reason: \(quoted(placeholderReason))\n"
            out += "    # ticket: PARTNER-123\n"
            out += "    # expires: 2027-12-31\n"
        }
        return out
    }

    /// Writes the baseline of a run's problems, whole or not at all.
    public static func write(_ problems: [Problem], spec: String, to path: String) throws {
        try AtomicFile.write(Data(yaml(of: problems, spec: spec).utf8), to: path)
    }
}
