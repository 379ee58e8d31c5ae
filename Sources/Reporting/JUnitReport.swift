import CaseGeneration
import Checks
import Execution
import Foundation

/// The run as JUnit XML: one `<testsuite>` per operation, one `<testcase>` per case
/// (`classname` and a `name` that says what it tests, unique per suite); failures carry the
/// message, the request (token redacted), the response (truncated), the spec location and a
/// curl command; transport problems are `<error>`, cases that cannot run `<skipped>`. Valid
/// against the xunit plugin's junit-10.xsd.
public struct JUnitReport {
    /// The run.
    public var summary: RunSummary
    /// The variable reproductions name for the secret.
    public var tokenVariable: String
    /// Longest response body quoted, in bytes.
    public var maxBodyBytes = 4_096

    /// The JUnit report of `summary`.
    public init(summary: RunSummary, tokenVariable: String) {
        self.summary = summary
        self.tokenVariable = tokenVariable
    }

    /// The report as JUnit XML (one testsuite per operation).
    public var xml: String {
        let problems = summary.problems
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out +=
            "<testsuites name=\"contract-test\" tests=\"\(summary.results.count)\" failures=\"\(summary.failures)\" errors=\"\(summary.errors)\" time=\"\(Self.seconds(summary.duration))\">\n"
        let comparison = summary.comparison
        let accepted = comparison?.accepted ?? []
        for (operationId, results) in summary.byOperation {
            // A known problem's case is skipped, not failed: visible in every CI test view,
            // never red (see `testcase`).
            let known = results.filter { summary.isKnown($0, accepted: accepted) }.count
            let failures = results.filter(\.isFailure).count - known
            let errors = results.filter(\.isError).count
            let skipped = results.filter(\.isSkipped).count + known
            let time = results.reduce(0) { $0 + $1.duration }
            out +=
                "  <testsuite name=\"\(Self.attribute(operationId))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(Self.seconds(time))\" timestamp=\"\(Self.attribute(String(summary.startedAt.prefix(19))))\" hostname=\"\(Self.attribute(URIHost.of(summary.target.baseURL)))\">\n"
            out += "    <properties>\n"
            let own = problems.enumerated().filter { $0.element.operationId == operationId }
            var properties: [(String, String)] = [
                ("spec", summary.specPath), ("target", summary.target.name), ("base-url", summary.target.baseURL),
            ]
            if let sha256 = summary.specSHA256 { properties.append(("spec-sha256", sha256)) }
            // Judged traffic: no seed made its cases.
            if summary.traffic == nil { properties.append(("seed", String(summary.seed))) }
            properties.append(("distinct-problems", String(own.count)))
            let clientProblems = summary.traffic?.clientProblems.filter { $0.operationId == operationId } ?? []
            if summary.traffic != nil { properties.append(("client-problems", String(clientProblems.count))) }
            if let comparison {
                properties.append(("known-problems", String(comparison.known.filter { $0.problem.operationId == operationId }.count)))
                properties.append(("baseline", summary.baseline?.baseline.file ?? ""))
            }
            if let shard = summary.shard { properties.append(("shard", shard.description)) }
            if let pressure = summary.pressure, pressure.backedOff { properties.append(("backed-off", pressure.words)) }
            if let classes = summary.classCoverage(operationId) {
                properties += [
                    ("value-classes", String(classes.planned)), ("value-classes-covered", String(classes.covered)),
                    ("random-bodies", String(classes.random)),
                ]
            }
            for (name, value) in properties {
                out += "      <property name=\"\(name)\" value=\"\(Self.attribute(value))\"/>\n"
            }
            out += "    </properties>\n"
            for result in results {
                out += testcase(
                    result, operationId: operationId, problems: problems,
                    known: summary.isKnown(result, accepted: accepted) ? comparison : nil)
            }
            var notes: [String] = []
            if !own.isEmpty {
                let list = own.map { offset, problem in
                    "Problem \(offset + 1) of \(problems.count): \(problem.headline) (\(problem.results.count) case\(problem.results.count == 1 ? "" : "s"))"
                }
                notes.append("Distinct problems of \(operationId):\n" + list.joined(separator: "\n") + "\n")
            }
            if !clientProblems.isEmpty {
                let list = clientProblems.map { "\($0.source): \($0.method) \($0.url): \($0.problem)" }
                notes.append(
                    "Client requests that break the contract (the client's problem, not the server's):\n" + list.joined(separator: "\n") + "\n")
            }
            if !notes.isEmpty {
                out += "    <system-out>\(Self.text(notes.joined(separator: "\n")))</system-out>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// `known`: the comparison that accepts every failure of the case, which is then
    /// `<skipped>` (GitLab, Jenkins and GitHub's test views show it, none turns red), its
    /// failures and reason in the message and `<system-out>`.
    private func testcase(_ result: CaseResult, operationId: String, problems: [Problem], known: BaselineComparison?) -> String {
        let name = "\(result.testCase.kind.rawValue): \(result.testCase.name)"
        var out =
            "    <testcase classname=\"contract-test.\(Self.attribute(operationId))\" name=\"\(Self.attribute(name))\" time=\"\(Self.seconds(result.duration))\""
        // A recorded request that breaks the contract: beside the server's verdict, never it.
        let clientNote = summary.traffic?.clientProblems.first { $0.caseId == result.testCase.id && $0.operationId == operationId }
            .map {
                "      <system-out>\(Self.text("The client's request breaks the contract (the client's problem, not the server's): \($0.problem)\n"))</system-out>\n"
            }
        switch result.outcome {
        case .passed:
            guard let clientNote else { return out + "/>\n" }
            return out + ">\n" + clientNote + "    </testcase>\n"
        case .skipped(let reason):
            out += ">\n      <skipped message=\"\(Self.attribute(reason.description))\"/>\n"
        case .failed(let failures) where known != nil:
            let reasons = failures.compactMap { failure in
                known?.known.first { $0.problem.fingerprint == Problem.Fingerprint(failure, of: result, causes: summary.causes) }.map {
                    "\($0.entry.reason) (\($0.entry.mark))"
                }
            }
            let message = "known problem, accepted by the baseline: " + Array(Set(reasons)).sorted().joined(separator: "; ")
            out += ">\n      <skipped message=\"\(Self.attribute(message))\"/>\n"
            out += "      <system-out>\(Self.text(detail(result, lines: failures.map(\.description))))</system-out>\n"
        case .failed(let failures):
            let shown = problems.enumerated().filter {
                $0.element.results.contains { $0.testCase.id == result.testCase.id && $0.testCase.operationId == operationId }
            }
            let numbers = shown.map { "\($0.offset + 1)" }.joined(separator: ", ")
            let message = "[problem \(numbers) of \(problems.count)] " + failures.map(\.description).joined(separator: "; ")
            out +=
                ">\n      <failure message=\"\(Self.attribute(message))\" type=\"\(Self.attribute(failures.first?.check.rawValue ?? "contract"))\">"
            var lines = failures.map(\.description)
            for (offset, problem) in shown {
                lines.append(
                    "Problem \(offset + 1) of \(problems.count), shown by \(problem.results.count) case\(problem.results.count == 1 ? "" : "s"): "
                        + problem.results.prefix(10).map { "\($0.testCase.kind.rawValue): \($0.testCase.name) [\($0.testCase.id)]" }.joined(
                            separator: "; "))
            }
            out += Self.text(detail(result, lines: lines))
            out += "</failure>\n"
        case .error(let problem):
            out += ">\n      <error message=\"\(Self.attribute(problem.description))\" type=\"\(problem.category)\">"
            out += Self.text(detail(result, lines: [problem.description]))
            out += "</error>\n"
        }
        return out + (clientNote ?? "") + "    </testcase>\n"
    }

    /// The body of a failure: what differed, the spec line, the request, the answer, and how to
    /// send the request again.
    func detail(_ result: CaseResult, lines: [String]) -> String {
        var text = lines.joined(separator: "\n") + "\n"
        if let focus = result.testCase.focus, result.testCase.kind == .explore {
            text += "\nFound by: \(focus.valueClass) (\(focus.validity.rawValue)) in \(focus.member.isEmpty ? "the body" : focus.member)\n"
        }
        if let shrinking = result.shrinking {
            text += "\nShrunk in \(shrinking.steps) step\(shrinking.steps == 1 ? "" : "s") (\(shrinking.attempts) tried) from:\n"
            text += (shrinking.original.body.map { Self.truncated($0, limit: maxBodyBytes) } ?? "") + "\n"
        }
        if let location = result.testCase.specLocation { text += "\nCase stands on: \(location)\n" }
        if let exchange = result.culprit {
            text += "\nRequest:\n\(exchange.request.method) \(exchange.request.url)\n"
            for (name, value) in exchange.request.headers { text += "\(name): \(value)\n" }
            if let body = exchange.request.body { text += "\n" + Self.truncated(body, limit: maxBodyBytes) + "\n" }
            if let response = exchange.response {
                text += "\nResponse:\n\(response.status)\n"
                for (name, value) in response.headers { text += "\(name): \(value)\n" }
                text += "\n" + Self.truncated(response.body, limit: maxBodyBytes) + "\n"
            }
            text += "\nReproduce:\n\(CurlCommand.make(exchange.request, tokenVariable: tokenVariable))\n"
        }
        if let mock = summary.embeddedMock {
            text += "\nThe run's own mock, started again by:\n\(mock.command(tokenVariable: tokenVariable))\n"
        }
        if let replay = summary.replay(result.testCase) { text += "\nReplay:\n\(replay)\n" }
        return text
    }

    /// A body as text, cut at `limit` bytes, its control characters other than tabs and line
    /// breaks written as `\uXXXX` (nothing that reaches a terminal can drive it); a body that is
    /// no UTF-8 (compressed, binary) as its size and first bytes in hex.
    static func truncated(_ bytes: [UInt8], limit: Int) -> String {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let start = bytes.prefix(8).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            return "(\(bytes.count) bytes, not text: \(start.joined(separator: " "))\(bytes.count > 8 ? " …" : ""))"
        }
        var text = ""
        for scalar in String(decoding: bytes.prefix(limit), as: UTF8.self).unicodeScalars {
            if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return bytes.count > limit ? text + "… (\(bytes.count) bytes in all)" : text
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// XML-escaped, and characters XML 1.0 cannot hold (control characters) written as `\uXXXX`.
    static func attribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\n" where quotes: out += "&#10;"
            case "\t" where quotes: out += "&#9;"
            case "\r": out += "&#13;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) || (0xD800...0xDFFF).contains(scalar.value):
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Writes the report whole or not at all.
    public func write(to path: String) throws {
        try AtomicFile.write(Data(xml.utf8), to: path)
    }
}
