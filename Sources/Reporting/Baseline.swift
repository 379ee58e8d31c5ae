import Checks
import YAMLSource

/// Known drift: the distinct problems a team has accepted for now, each with its reason, read
/// from a YAML file (`run --baseline FILE`, written by `run --write-baseline FILE`). A run with a
/// baseline fails only on problems it does not hold, and on entries past their `expires` date.
public struct Baseline: Sendable {
    /// One accepted problem.
    public struct Entry: Sendable {
        /// The problem it accepts.
        public var fingerprint: Problem.Fingerprint
        /// Why it is accepted.
        public var reason: String
        /// Where it is tracked (`PARTNER-123`).
        public var ticket: String?
        /// The last day it is accepted (`2027-03-31`, UTC); after it the problem fails again.
        public var expires: String?
        /// Where the file lists it.
        public var mark: Mark

        /// An entry.
        public init(fingerprint: Problem.Fingerprint, reason: String, ticket: String? = nil, expires: String? = nil, mark: Mark) {
            self.fingerprint = fingerprint
            self.reason = reason
            self.ticket = ticket
            self.expires = expires
            self.mark = mark
        }

        /// Why it is accepted, with its ticket, its last day and where the file lists it: what
        /// every report says of a known problem.
        public var acceptance: String {
            let ticket = ticket.map { ", \($0)" } ?? ""
            let expires = expires.map { ", accepted until \($0)" } ?? ""
            return "\(reason)\(ticket)\(expires) (\(mark))"
        }

        /// What the entry lists, in one line: operation, check, member and expectation.
        public var problemWords: String {
            let member = fingerprint.member.map { " \($0)" } ?? ""
            return "\(fingerprint.operationId) › \(fingerprint.check.rawValue)\(member): \(fingerprint.expectation)"
        }

        /// Whether `today` (`YYYY-MM-DD`) is past the last day it is accepted.
        public func hasExpired(today: String) -> Bool {
            expires.map { $0 < today } ?? false
        }
    }

    /// The accepted problems, in the file's order.
    public var entries: [Entry]
    /// The file it was read from.
    public var file: String

    /// A baseline read from `file`.
    public init(entries: [Entry], file: String) {
        self.entries = entries
        self.file = file
    }

    /// The entry that lists a problem.
    public func entry(for fingerprint: Problem.Fingerprint) -> Entry? {
        entries.first { $0.fingerprint == fingerprint }
    }
}

/// A run's distinct problems set against a baseline.
public struct BaselineComparison: Sendable {
    /// Problems the baseline accepts.
    public var known: [(problem: Problem, entry: Baseline.Entry)] = []
    /// Problems the baseline lists but no longer accepts: they fail the run, saying so.
    public var expired: [(problem: Problem, entry: Baseline.Entry)] = []
    /// Problems the baseline does not hold.
    public var new: [Problem] = []
    /// Entries no problem of the run matches: fixed, or not reached by this run.
    public var resolved: [Baseline.Entry] = []

    /// The run's problems judged by `baseline` on `today` (`YYYY-MM-DD`, UTC).
    public init(problems: [Problem], baseline: Baseline, today: String) {
        var matched: Set<Problem.Fingerprint> = []
        for problem in problems {
            guard let entry = baseline.entry(for: problem.fingerprint) else {
                new.append(problem)
                continue
            }
            matched.insert(entry.fingerprint)
            if entry.hasExpired(today: today) { expired.append((problem, entry)) } else { known.append((problem, entry)) }
        }
        resolved = baseline.entries.filter { !matched.contains($0.fingerprint) }
    }

    /// The fingerprints whose failures do not fail the run.
    public var accepted: Set<Problem.Fingerprint> { Set(known.map(\.problem.fingerprint)) }
}
