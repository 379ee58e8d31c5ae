import Foundation
import SchemaValidation
import YAMLSource

/// The kinds of business rule a rules file declares; each has a check that can fail.
public enum RuleKind: String, Sendable, CaseIterable, Hashable {
    /// A response member repeats a request member.
    case echo
    /// A response member has a fixed value.
    case constant
    /// A response member holds the time of the request.
    case now
    /// A response member holds the time of the request plus the active days.
    case expiry
    /// A response member is new for every resource.
    case unique
    /// One active resource per name: a create while one is active conflicts, however many
    /// arrive at once.
    case oneActive = "one-active"
}

/// A success body that breaks a business rule: which rule, what differed, and where the rule
/// is declared.
public struct RuleViolation: Sendable, Hashable, CustomStringConvertible {
    /// Which rule was broken.
    public var rule: RuleKind
    /// What was wrong, in words, with the values seen.
    public var message: String
    /// The response member concerned (the root for rules about several answers).
    public var pointer: JSONPointer
    /// Where the rules file declares the rule.
    public var mark: Mark?
    /// The value that broke it, where one did (a `unique` value seen twice).
    public var value: JSONValue?

    /// The rule's name and the message.
    public var description: String {
        "#\(pointer): \(rule.rawValue): \(message)" + (mark.map { " (rule at \($0))" } ?? "")
    }
}

/// When an answer came, as this machine and the server saw it: what a `now` member is
/// compared with.
public struct AnswerTiming: Sendable, Hashable {
    /// This machine's clock when the request was sent and when the answer had arrived.
    public var sent: Timestamp
    /// When the answer arrived, by this machine's clock.
    public var answered: Timestamp
    /// The answer's `Date` header (whole seconds), when it had one.
    public var serverDate: Timestamp?
    /// Seconds the server's clock is known to run ahead of real time (a mock whose clock the
    /// run moved), when the request was sent and when it was answered.
    public var knownShift: ClosedRange<Int64>

    /// One answer's timing; `knownShift`: how far the mock's clock was moved meanwhile.
    public init(sent: Timestamp, answered: Timestamp, serverDate: Timestamp? = nil, knownShift: ClosedRange<Int64> = 0...0) {
        self.sent = sent
        self.answered = answered
        self.serverDate = serverDate
        self.knownShift = knownShift
    }
}

extension OperationRules {
    /// The rules a success `response` to `request` breaks; with `timing`, `now` members are
    /// also compared with the time of the request.
    public func check(request: JSONValue, response: JSONValue, timing: AnswerTiming? = nil) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        for echo in self.response.echo {
            let sent = request.value(at: echo.request)
            let got = response.value(at: echo.response)
            let caseInsensitive = creation.map { $0.caseInsensitive && $0.identity == echo.request } ?? false
            let same =
                caseInsensitive
                ? sent?.stringValue?.lowercased() == got?.stringValue?.lowercased() && got?.stringValue != nil
                : sent == got
            if !same {
                violations.append(
                    RuleViolation(
                        rule: .echo,
                        message:
                            "expected the request's \(echo.request) \(sent?.truncatedText() ?? "(absent)"), found \(got?.truncatedText() ?? "nothing")",
                        pointer: echo.response, mark: echo.mark))
            }
        }
        for constant in self.response.constants {
            let got = response.value(at: constant.response)
            if got != constant.value {
                violations.append(
                    RuleViolation(
                        rule: .constant, message: "expected \(constant.value.truncatedText()), found \(got?.truncatedText() ?? "nothing")",
                        pointer: constant.response, mark: constant.mark))
            }
        }
        violations += checkNow(response, timing: timing)
        violations += checkExpiry(request: request, response: response)
        return violations
    }

    /// `now` members: RFC 3339 date-times, and with `timing`, the time of the request. When the
    /// answer says the server's time (`Date`), a timestamp that agrees with it is right even if
    /// this machine's clock differs (clock skew is not the API's defect).
    private func checkNow(_ response: JSONValue, timing: AnswerTiming?) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        let mark = self.response.mark
        let tolerance = self.response.nowToleranceSeconds
        for pointer in self.response.now {
            let value = response.value(at: pointer)
            guard let text = value?.stringValue, let stamp = Timestamp(rfc3339: text) else {
                violations.append(
                    RuleViolation(
                        rule: .now, message: "expected the time of the create as an RFC 3339 date-time, found \(value?.truncatedText() ?? "nothing")",
                        pointer: pointer, mark: mark))
                continue
            }
            guard let timing else { continue }
            let local = (timing.sent.adding(seconds: timing.knownShift.lowerBound), timing.answered.adding(seconds: timing.knownShift.upperBound))
            let localOff = Self.distance(stamp, from: local)
            if let date = timing.serverDate {
                // `Date` has whole seconds, and servers cache it for up to a second.
                let server = (date.adding(seconds: timing.knownShift.lowerBound - 1), date.adding(seconds: timing.knownShift.upperBound + 2))
                let serverOff = Self.distance(stamp, from: server)
                if serverOff <= tolerance || localOff <= tolerance { continue }
                violations.append(
                    RuleViolation(
                        rule: .now,
                        message:
                            "expected the time of the create: the answer's Date says \(date.rfc3339) (within \(Self.seconds(tolerance))), found \(text), \(Self.describe(serverOff)) off",
                        pointer: pointer, mark: mark))
            } else if localOff > tolerance {
                violations.append(
                    RuleViolation(
                        rule: .now,
                        message:
                            "expected the time of the create, between \(local.0.rfc3339) and \(local.1.rfc3339) (within \(Self.seconds(tolerance))), found \(text), \(Self.describe(localOff)) off",
                        pointer: pointer, mark: mark))
            }
        }
        return violations
    }

    /// `expiry` members: the `now` member plus the request's active days.
    private func checkExpiry(request: JSONValue, response: JSONValue) -> [RuleViolation] {
        guard let first = self.response.now.first, let days = creation?.days(in: request),
            let now = response.value(at: first)?.stringValue.flatMap(Timestamp.init(rfc3339:))
        else { return [] }
        var violations: [RuleViolation] = []
        let mark = self.response.mark
        let expected = now.adding(days: days)
        for pointer in self.response.expiry {
            guard let text = response.value(at: pointer)?.stringValue, let expiry = Timestamp(rfc3339: text) else {
                violations.append(
                    RuleViolation(
                        rule: .expiry,
                        message:
                            "expected an RFC 3339 date-time \(days) days after \(first), found \(response.value(at: pointer)?.truncatedText() ?? "nothing")",
                        pointer: pointer, mark: mark))
                continue
            }
            let difference = expiry.seconds(since: expected)
            if abs(difference) > self.response.toleranceSeconds {
                violations.append(
                    RuleViolation(
                        rule: .expiry,
                        message:
                            "expected \(first) + \(days) days = \(expected.rfc3339) (within \(Self.seconds(self.response.toleranceSeconds))), found \(text), \(Self.describe(difference)) off",
                        pointer: pointer, mark: mark))
            }
        }
        return violations
    }

    /// `unique` members: a value no other of these success bodies has.
    public func checkUnique(_ bodies: [JSONValue]) -> [RuleViolation] {
        response.unique.compactMap { pointer in
            let values = bodies.compactMap { $0.value(at: pointer) }
            var seen: Set<JSONValue> = []
            guard let repeated = values.first(where: { !seen.insert($0).inserted }) else { return nil }
            return uniqueRepeated(repeated, at: pointer, firstIn: nil)
        }
    }

    /// A `unique` member's value a second time; `firstIn`: where it was first seen.
    public func uniqueRepeated(_ value: JSONValue, at pointer: JSONPointer, firstIn source: String?) -> RuleViolation {
        let seen = source.map { "again (first in \($0))" } ?? "twice"
        return RuleViolation(
            rule: .unique, message: "expected a new value for every resource, found \(value.truncatedText()) \(seen)",
            pointer: pointer, mark: response.mark, value: value)
    }

    /// Creates for one name sent at once: exactly one succeeds, the others conflict.
    public func checkOneActive(statuses: [Int]) -> RuleViolation? {
        guard let creation else { return nil }
        let successes = statuses.filter { (200..<300).contains($0) }.count
        let conflicts = statuses.filter { $0 == creation.conflictStatus }.count
        guard successes != 1 || conflicts != statuses.count - 1 else { return nil }
        let name = creation.identity.lastToken ?? "name"
        let found = Dictionary(grouping: statuses, by: { $0 }).sorted { $0.key < $1.key }
            .map { "\($0.value.count) × \($0.key)" }.joined(separator: ", ")
        return RuleViolation(
            rule: .oneActive,
            message:
                "expected exactly one of \(statuses.count) creates for one \(name) sent at once to succeed and \(statuses.count - 1) to get \(creation.conflictStatus), found \(found)",
            pointer: .root, mark: creation.mark)
    }

    /// Distance in seconds from an instant to a closed window (0 inside it).
    private static func distance(_ stamp: Timestamp, from window: (Timestamp, Timestamp)) -> Double {
        if stamp < window.0 { return window.0.seconds(since: stamp) }
        if window.1 < stamp { return stamp.seconds(since: window.1) }
        return 0
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func describe(_ seconds: Double) -> String {
        let magnitude = abs(seconds)
        if magnitude >= 43_200 { return String(format: "%.2f days", magnitude / 86_400) }
        if magnitude >= 3600 { return String(format: "%.2f hours", magnitude / 3600) }
        if magnitude >= 120 { return String(format: "%.1f minutes", magnitude / 60) }
        return String(format: "%.1f s", magnitude)
    }
}
