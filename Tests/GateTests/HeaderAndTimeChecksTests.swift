import BusinessRules
import CaseGeneration
import Checks
import Execution
import OpenAPIModel
import Testing
import YAMLSource

/// `header-schema` reads documented response headers as OpenAPI serializes them and judges
/// them by their schemas; `response-time` judges how long an answer took.
@Suite("The header-schema and response-time checks")
struct HeaderAndTimeChecksTests {
    static let document: OpenAPIDocument = OpenAPILoader().load(
        SourceFile(
            path: "limits.yaml",
            text: """
                openapi: 3.0.3
                info: {title: Limits, version: '1'}
                paths:
                  /things:
                    get:
                      responses:
                        '200':
                          description: ok
                          headers:
                            X-Rate-Limit: {schema: {type: integer, minimum: 1}}
                            X-Tags: {schema: {type: array, items: {type: string, enum: [a, b, c]}}}
                            X-Expires-After: {schema: {type: string, format: date-time}}
                            X-Mode: {required: true, schema: {type: string, enum: [live, test]}}
                            X-Meta: {content: {application/json: {schema: {type: object, required: [v]}}}}
                            Content-Type: {schema: {type: string, enum: [never/this]}}
                """)
    ).document!

    /// What the checks say of an answer with these headers (beside `X-Mode: test` unless given).
    static func judged(
        _ headers: [(String, String)], answerTime: Double? = nil, limit: Double? = nil,
        checks: Set<CheckName> = CheckName.selection(only: nil, excluded: [], strict: false, timed: true)
    ) -> [String] {
        let all = headers.contains { $0.0 == "X-Mode" } ? headers : headers + [("X-Mode", "test")]
        let judge = AnswerJudge(document: document, rules: .none, checks: checks, maxResponseTime: limit)
        var exchange = Exchange(
            request: .init(method: "GET", url: "http://127.0.0.1/things", headers: [], body: nil),
            response: .init(status: 200, headers: all, body: []), transportError: nil, duration: 9, retries: 2)
        exchange.answerTime = answerTime
        return judge.judge(
            exchange, expectation: .success, operation: document.operations[0], request: RequestSpec(method: "GET", path: "/things"),
            checkRules: false
        ).map(\.description)
    }

    @Test(
        "values their schemas accept pass, read as a header carries them",
        arguments: [
            [("X-Rate-Limit", "100")],
            [("X-Rate-Limit", " 100 ")],
            [("X-Tags", "a,b")],
            [("X-Tags", "a, b ,c")],
            [("X-Tags", "a"), ("x-tags", "c")],
            [("X-Expires-After", "2026-12-06T10:00:00Z")],
            [("X-Meta", #"{"v": 1}"#)],
            [("Content-Type", "application/json")],
            [("X-Mode", "live")],
        ])
    func accepted(headers: [(String, String)]) {
        #expect(Self.judged(headers) == [])
    }

    @Test(
        "values their schemas refuse fail, naming the header, the value and the keyword",
        arguments: [
            (
                [("X-Rate-Limit", "0")],
                "header-schema: header X-Rate-Limit: '0': minimum: expected a number at least 1, found 0 (spec: #/paths/~1things/get/responses/200/headers/X-Rate-Limit/schema/minimum at limits.yaml:10:52)"
            ),
            (
                [("X-Tags", "a,d")],
                #"header-schema: header X-Tags: 'a,d': enum: expected one of ["a", "b", "c"], found "d" (spec: #/paths/~1things/get/responses/200/headers/X-Tags/schema/items/enum at limits.yaml:11:66)"#
            ),
            (
                [("X-Tags", "a"), ("X-Tags", "z")],
                #"header-schema: header X-Tags: 'a, z': enum: expected one of ["a", "b", "c"], found "z" (spec: #/paths/~1things/get/responses/200/headers/X-Tags/schema/items/enum at limits.yaml:11:66)"#
            ),
            (
                [("X-Expires-After", "Sun, 06 Dec 2026 10:00:00 GMT")],
                #"header-schema: header X-Expires-After: 'Sun, 06 Dec 2026 10:00:00 GMT': format: expected an RFC 3339 date-time, found "Sun, 06 Dec 2026 10:00:00 GMT" (spec: #/paths/~1things/get/responses/200/headers/X-Expires-After/schema/format at limits.yaml:12:54)"#
            ),
            (
                [("X-Meta", "v=1")],
                "header-schema: header X-Meta: 'v=1' is not JSON: unexpected character 'v': expected a JSON value (object, array, string, number, true, false or null) at line 1, column 1 (the document says application/json) (spec: limits.yaml:14:13 (#/paths/~1things/get/responses/200/headers/X-Meta))"
            ),
            (
                [("X-Meta", "{}")],
                "header-schema: header X-Meta: '{}': required: required member 'v' is missing (spec: #/paths/~1things/get/responses/200/headers/X-Meta/content/application~1json/schema/required at limits.yaml:14:74)"
            ),
            (
                [("X-Mode", "prod")],
                #"header-schema: header X-Mode: 'prod': enum: expected one of ["live", "test"], found "prod" (spec: #/paths/~1things/get/responses/200/headers/X-Mode/schema/enum at limits.yaml:13:61)"#
            ),
            (
                [("X-Rate-Limit", "many")],
                #"header-schema: header X-Rate-Limit: 'many': type: expected integer, found string ("many") (spec: #/paths/~1things/get/responses/200/headers/X-Rate-Limit/schema/type at limits.yaml:10:37)"#
            ),
        ])
    func refused(headers: [(String, String)], failure: String) {
        #expect(Self.judged(headers) == [failure])
        #expect(
            Self.judged(headers, checks: CheckName.selection(only: nil, excluded: [.headerSchema], strict: false)) == [],
            "excluded, the check says nothing")
    }

    @Test("a missing required header is the header check's, not the schema's")
    func missing() {
        let judge = AnswerJudge(document: Self.document, rules: .none)
        let exchange = Exchange(
            request: .init(method: "GET", url: "http://127.0.0.1/things", headers: [], body: nil),
            response: .init(status: 200, headers: [], body: []), transportError: nil, duration: 0, retries: 0)
        #expect(
            judge.judge(
                exchange, expectation: .success, operation: Self.document.operations[0], request: RequestSpec(method: "GET", path: "/things"),
                checkRules: false
            ).map(\.description) == [
                "header: documented required header X-Mode is missing (spec: limits.yaml:13:13 (#/paths/~1things/get/responses/200/headers/X-Mode))"
            ])
    }

    @Test("an answer slower than --max-response-time fails by its own time, retries and waits left out; no limit, no check")
    func responseTime() {
        #expect(
            Self.judged([], answerTime: 0.25, limit: 0.2) == ["response-time: answered in 250 ms, more than the 200 ms allowed (--max-response-time)"]
        )
        #expect(Self.judged([], answerTime: 0.2, limit: 0.2) == [], "at the limit is within it")
        #expect(Self.judged([], answerTime: nil, limit: 0.2) == [], "an answer of unknown time is not judged")
        #expect(Self.judged([], answerTime: 5, limit: nil) == [])
        #expect(
            Self.judged([], answerTime: 5, limit: 0.2, checks: CheckName.selection(only: nil, excluded: [.responseTime], strict: false, timed: true))
                == [])
        #expect(!CheckName.selection(only: nil, excluded: [], strict: false).contains(.responseTime), "off unless a limit is given")
    }
}
