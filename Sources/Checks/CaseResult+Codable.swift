import CaseGeneration
import Execution

/// A case's result as the stored run holds it: the verdict by name (`passed`, `failed`,
/// `error`, `skipped`) beside what it carries (`failures`, `error`, `skip`), and the reason in
/// words (`reason`) for people reading the file; only the values are read back.
extension CaseResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case testCase, outcome, failures, error, skip, reason, exchanges, culpritStep, duration, shrinking
    }

    /// Reads the stored form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let verdict = try container.decode(String.self, forKey: .outcome)
        let outcome: Outcome
        switch verdict {
        case "passed": outcome = .passed
        case "failed": outcome = .failed(try container.decode([CheckFailure].self, forKey: .failures))
        case "error": outcome = .error(try container.decode(CaseError.self, forKey: .error))
        case "skipped": outcome = .skipped(try container.decode(SkipReason.self, forKey: .skip))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .outcome, in: container, debugDescription: "expected passed, failed, error or skipped, found '\(verdict)'")
        }
        self.init(
            testCase: try container.decode(TestCase.self, forKey: .testCase), outcome: outcome,
            exchanges: try container.decode([Exchange].self, forKey: .exchanges),
            culpritStep: try container.decodeIfPresent(Int.self, forKey: .culpritStep),
            duration: try container.decode(Double.self, forKey: .duration))
        shrinking = try container.decodeIfPresent(Shrinking.self, forKey: .shrinking)
    }

    /// Writes the stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(testCase, forKey: .testCase)
        switch outcome {
        case .passed:
            try container.encode("passed", forKey: .outcome)
        case .failed(let failures):
            try container.encode("failed", forKey: .outcome)
            try container.encode(failures, forKey: .failures)
        case .error(let problem):
            try container.encode("error", forKey: .outcome)
            try container.encode(problem, forKey: .error)
            try container.encode(problem.description, forKey: .reason)
        case .skipped(let reason):
            try container.encode("skipped", forKey: .outcome)
            try container.encode(reason, forKey: .skip)
            try container.encode(reason.description, forKey: .reason)
        }
        try container.encode(exchanges, forKey: .exchanges)
        try container.encodeIfPresent(culpritStep, forKey: .culpritStep)
        try container.encode(duration, forKey: .duration)
        try container.encodeIfPresent(shrinking, forKey: .shrinking)
    }
}
