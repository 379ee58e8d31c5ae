import BusinessRules
import CaseGeneration
import Foundation
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import TestSupport
import Testing
import YAMLSource

/// Whatever the gate admits in a request it admits in an answer: the validator reading formats
/// by `anyReading` (how answers and recorded traffic are judged) accepts a value exactly when
/// some independent reading accepts it. The values: every one exploration sends for the format
/// at several seeds (the "either" classes among them), the JSON Schema Test Suite's, and forms
/// each grammar alone allows (comments, folding, obsolete forms, address literals).
@Suite("Answers: a format passes when any documented reading accepts it")
struct AnswerReadingTests {
    /// The validator of `{type: string, format: NAME}` in a document of `version`.
    static func validator(format: String, version: String = "3.1.0") throws -> SchemaValidator {
        let text = """
            openapi: \(version)
            info: {title: Formats, version: "1"}
            paths: {}
            components:
              schemas:
                value: {type: string, format: \(format)}
            """
        let document = try #require(OpenAPILoader().load(SourceFile(path: "formats.yaml", text: text)).document)
        let schema = try #require(document.components.schemas["value"])
        return SchemaCompiler(document: document).validator(for: schema)
    }

    /// Every text exploration sends at `member` of the claim tests' body, at seeds 1-3.
    static func explored(_ member: String) throws -> [String] {
        let document = try #require(OpenAPILoader().load(SourceFile(path: "claims.yaml", text: ClaimTests.document("3.1.0"))).document)
        var texts: [String] = []
        for seed: UInt64 in [1, 2, 3] {
            var generator = CaseGenerator(document: document, rules: .none, options: CaseOptions(seed: seed, runTag: "a\(seed)", kinds: [.explore]))
            for testCase in generator.cases() {
                guard testCase.focus?.member == "/" + member, case .request(let request, _, _)? = testCase.steps.first,
                    let text = request.json?.value(at: JSONPointer(tokens: [member]))?.stringValue
                else { continue }
                texts.append(text)
            }
        }
        return texts
    }

    /// The suite's string values for a format, both dialects' folders.
    static func suiteValues(_ format: String) throws -> [String] {
        var texts: [String] = []
        for folder in ["draft2020-12", "draft4"] {
            let path = "\(RepositoryPaths.fixtures)/json-schema-test-suite/tests/\(folder)/optional/format/\(format).json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let groups = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
            texts += groups.flatMap { ($0["tests"] as? [[String: Any]] ?? []).compactMap { $0["data"] as? String } }
        }
        return texts
    }

    /// Forms only some grammars allow, beside the ones the readings' own tests hold.
    static let emailForms = [
        "user@example.com", ".user@example.com", "user.@example.com", "us..er@example.com", "...@example.com",
        "\"us er\"@example.com", "\"a@b\"@example.com", "\"\"@example.com", "\"quoted\\\"quote\"@example.com",
        "(comment)user@example.com", "user(comment)@example.com", "user@(comment)example.com", "user@example.com(comment)",
        "user (a (nested) comment) @ example . com", "user@example.com ", " user@example.com", "user @example.com",
        "us er@example.com", "user@exa mple.com", "(unclosed@example.com", "user)@example.com",
        "\"folded\r\n quote\"@example.com", "user\r\n @example.com", "user\r\n\r\n @example.com", "user\r\n@example.com",
        "user@[192.0.2.1]", "user@[IPv6:2001:db8::1]", "user@[ any literal ]", "user@[a[b]", "user@[unclosed",
        "user@example", "user@-example.com", "user@example-.com", "user@exa_mple.com", "user@example..com", "user@.example.com",
        "user@example.com.", "a.\"b\".c@example.com", "\"a\".b@example.com", "a.\"b c\"@example.com",
        "zoë@example.com", "user@bücher.example", "東京@例え.テスト", "😀@example.com", "\"zoë\"@example.com",
        String(repeating: "a", count: 64) + "@example.com", String(repeating: "a", count: 65) + "@example.com",
        "a@" + String(repeating: "d", count: 63) + ".com", "a@" + String(repeating: "d", count: 64) + ".com",
        "user@" + Array(repeating: String(repeating: "d", count: 60), count: 5).joined(separator: ".") + ".com",
        "\"a\u{01}b\"@example.com", "(a\u{7F}b)user@example.com", "user@[a\u{1F}b]", "\"a\\\u{00}b\"@example.com", "\"a\u{00}b\"@example.com",
        "a@b@example.com", "@example.com", "user@", "user", "", "user,other@example.com", "Partner <user@example.com>",
    ]

    @Test("email and idn-email: the validator by any reading agrees with WHATWG, RFC 5321, RFC 5322 and RFC 6531 together")
    func email() throws {
        let values = Set(try Self.explored("email") + Self.suiteValues("email") + Self.suiteValues("idn-email") + Self.emailForms)
        for format in ["email", "idn-email"] {
            let validator = try Self.validator(format: format)
            let disagreements = values.sorted().compactMap { text -> String? in
                let accepting = EmailReading.allCases.filter { $0.accepts(text) }.map(\.rawValue)
                let verdict = validator.isValid(.string(text), direction: .response, formats: .anyReading)
                guard verdict != !accepting.isEmpty else { return nil }
                return "\(format) \(text.debugDescription): the validator says \(verdict ? "valid" : "invalid"), the readings \(accepting)"
            }
            #expect(disagreements == [], "\(disagreements.joined(separator: "\n"))")
        }
    }

    @Test("every email the run sends as 'either' passes in an answer, and every invalid one fails")
    func emailClasses() throws {
        let validator = try Self.validator(format: "email")
        let document = try #require(OpenAPILoader().load(SourceFile(path: "claims.yaml", text: ClaimTests.document("3.0.3"))).document)
        var generator = CaseGenerator(document: document, rules: .none, options: CaseOptions(seed: 7, runTag: "e", kinds: [.explore]))
        var judged: [String: [String]] = [:]
        for testCase in generator.cases() {
            guard let focus = testCase.focus, focus.member == "/email", case .request(let request, _, _)? = testCase.steps.first,
                let text = request.json?.value(at: JSONPointer(tokens: ["email"]))?.stringValue
            else { continue }
            let passes = validator.isValid(.string(text), direction: .response, formats: .anyReading)
            judged["\(focus.validity) \(passes ? "passes" : "fails")", default: []].append(focus.valueClass)
        }
        #expect(judged["either fails"] == nil, "\(judged["either fails"] ?? [])")
        #expect(judged["valid fails"] == nil, "\(judged["valid fails"] ?? [])")
        #expect(judged["invalid passes"] == nil, "\(judged["invalid passes"] ?? [])")
        #expect(
            Set(judged["either passes"] ?? []) == [
                "a leading dot (WHATWG allows it, RFC 5321 and 5322 do not)", "a dot before the @ (WHATWG allows it, RFC 5321 and 5322 do not)",
                "a 65-character local part (beyond RFC 5321's 64)", "255 characters (beyond RFC 5321's 254)",
                "accented letters before the @ (RFC 6531)", "an internationalized domain (RFC 6531)", "CJK characters before the @ (RFC 6531)",
                "emoji as surrogate-pair escapes (RFC 6531)",
            ])
    }

    @Test("date-time, date and uuid: one reading's profiles are subsets, so any reading is RFC 3339's and RFC 9562's")
    func dateTimes() throws {
        let dateTime = try Self.validator(format: "date-time")
        let dateTimes = Set(try Self.explored("when") + Self.suiteValues("date-time"))
        let dateTimeDisagreements = dateTimes.sorted().filter { text in
            dateTime.isValid(.string(text), direction: .response, formats: .anyReading) != DateTimeReading.allCases.contains { $0.accepts(text) }
        }
        #expect(dateTimeDisagreements == [])
        let date = try Self.validator(format: "date")
        let dates = Set(try Self.explored("day") + Self.suiteValues("date"))
        #expect(dates.sorted().filter { date.isValid(.string($0), formats: .anyReading) != DateTimeReading.acceptsDate($0) } == [])
        let uuid = try Self.validator(format: "uuid")
        let uuids = Set(try Self.explored("id") + Self.suiteValues("uuid"))
        #expect(uuids.sorted().filter { uuid.isValid(.string($0), formats: .anyReading) != UUIDReading.accepts($0) } == [])
    }

    @Test("hostname: IDNA2008's A-labels are RFC 1123 labels, so any reading is RFC 1123's, in both dialects")
    func hostnames() throws {
        let values = Set(try Self.suiteValues("hostname") + Self.suiteValues("idn-hostname") + ["a--b.example", "xn--bad.example", "ab--cd"])
        for version in ["3.0.3", "3.1.0"] {
            let validator = try Self.validator(format: "hostname", version: version)
            let disagreements = values.sorted().filter { text in
                validator.isValid(.string(text), formats: .anyReading) != HostnameReading.rfc1123(text)
            }
            #expect(disagreements == [], "\(version)")
        }
    }

    @Test("a failure by any reading names the readings")
    func failureWords() throws {
        let validator = try Self.validator(format: "email")
        let errors = validator.validate(.string("no-at-sign"), direction: .response, formats: .anyReading)
        #expect(
            errors.map(\.message) == [
                "expected an email address by any reading (WHATWG, RFC 5321, RFC 5322 or RFC 6531), found \"no-at-sign\""
            ])
        #expect(validator.validate(.string("no-at-sign")).map(\.message) == ["expected an email address, found \"no-at-sign\""])
    }
}

/// RFC 1123 section 2.1 host names, written from the text: labels of letters, digits and
/// hyphens (a digit may begin one), neither end a hyphen, 1 to 63 characters each, 253 in all
/// (the 255 octets of a DNS name less its length bytes).
enum HostnameReading {
    static func rfc1123(_ text: String) -> Bool {
        guard !text.isEmpty, text.unicodeScalars.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.unicodeScalars.count) && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { isAlpha($0) || isDigit($0) || $0 == "-" }
        }
    }
}
