import Foundation
import SchemaValidation
import YAMLSource

/// A success body that breaks a business rule: which rule, what differed, and where the rule
/// is declared.
public struct RuleViolation: Sendable, Hashable, CustomStringConvertible {
    /// `echo`, `constant`, `expiry`, `now`.
    public var rule: String
    public var message: String
    /// The response member concerned.
    public var pointer: JSONPointer
    /// Where the rules file declares the rule.
    public var mark: Mark?

    public var description: String {
        "#\(pointer): \(rule): \(message)" + (mark.map { " (rule at \($0))" } ?? "")
    }
}

extension OperationRules {
    /// The rules a success `response` to `request` breaks.
    public func check(request: JSONValue, response: JSONValue) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        for echo in self.response.echo {
            let sent = request.value(at: echo.request)
            let got = response.value(at: echo.response)
            let caseInsensitive = creation.map { $0.caseInsensitive && $0.identity == echo.request } ?? false
            let same = caseInsensitive
                ? sent?.stringValue?.lowercased() == got?.stringValue?.lowercased() && got?.stringValue != nil
                : sent == got
            if !same {
                violations.append(RuleViolation(
                    rule: "echo", message: "expected the request's \(echo.request) \(sent?.truncatedText() ?? "(absent)"), found \(got?.truncatedText() ?? "nothing")",
                    pointer: echo.response, mark: echo.mark))
            }
        }
        for constant in self.response.constants {
            let got = response.value(at: constant.response)
            if got != constant.value {
                violations.append(RuleViolation(
                    rule: "constant", message: "expected \(constant.value.truncatedText()), found \(got?.truncatedText() ?? "nothing")",
                    pointer: constant.response, mark: constant.mark))
            }
        }
        let mark = self.response.mark
        let now = self.response.now.first.flatMap { pointer in response.value(at: pointer)?.stringValue.flatMap(Timestamp.init(rfc3339:)) }
        for pointer in self.response.now where response.value(at: pointer)?.stringValue.flatMap(Timestamp.init(rfc3339:)) == nil {
            violations.append(RuleViolation(
                rule: "now", message: "expected the time of the create as an RFC 3339 date-time, found \(response.value(at: pointer)?.truncatedText() ?? "nothing")",
                pointer: pointer, mark: mark))
        }
        if let now, let days = creation?.days(in: request) {
            let expected = now.adding(days: days)
            for pointer in self.response.expiry {
                guard let text = response.value(at: pointer)?.stringValue, let expiry = Timestamp(rfc3339: text) else {
                    violations.append(RuleViolation(
                        rule: "expiry", message: "expected an RFC 3339 date-time \(days) days after \(self.response.now[0]), found \(response.value(at: pointer)?.truncatedText() ?? "nothing")",
                        pointer: pointer, mark: mark))
                    continue
                }
                let difference = expiry.seconds(since: expected)
                if abs(difference) > self.response.toleranceSeconds {
                    violations.append(RuleViolation(
                        rule: "expiry",
                        message: "expected \(self.response.now[0]) + \(days) days = \(expected.rfc3339) (within \(Int(self.response.toleranceSeconds)) s), found \(text), \(Self.describe(difference)) off",
                        pointer: pointer, mark: mark))
                }
            }
        }
        return violations
    }

    private static func describe(_ seconds: Double) -> String {
        let magnitude = abs(seconds)
        if magnitude >= 43_200 { return String(format: "%.2f days", magnitude / 86_400) }
        if magnitude >= 3600 { return String(format: "%.2f hours", magnitude / 3600) }
        return String(format: "%.1f s", magnitude)
    }
}
