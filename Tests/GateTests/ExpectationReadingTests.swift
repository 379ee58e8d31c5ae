import BusinessRules
import CaseGeneration
import Checks
import Execution
import OpenAPIModel
import Testing
import YAMLSource

/// What the gate expects where the contract and the RFCs allow more than one answer: found
/// against jupyter_server and Kinto (docs/field-tests.md), each a false alarm before.
@Suite("Expectations only every reading requires")
struct ExpectationReadingTests {
    static let document: OpenAPIDocument = OpenAPILoader().load(
        SourceFile(
            path: "things.yaml",
            text: """
                openapi: 3.0.3
                info: {title: Things, version: '1'}
                paths:
                  /things/{id}:
                    parameters:
                      - {name: id, in: path, required: true, schema: {type: string}}
                    put:
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema: {type: object, required: [name], properties: {name: {type: string}}}
                      responses:
                        '200': {description: ok}
                        '400': {description: refused}
                        '500': {description: broken}
                        '501': {description: not available, content: {application/json: {schema: {type: object, required: [message]}}}}
                """)
    ).document!

    static func cases() -> [TestCase] {
        var generator = CaseGenerator(document: document, rules: .none, options: CaseOptions(runTag: "t", kinds: [.positive, .negative, .method]))
        return generator.cases()
    }

    static func expectation(_ name: String) -> CaseGeneration.Expectation? {
        guard case .request(_, let expect, _)? = cases().first(where: { $0.name == name })?.steps.first else { return nil }
        return expect
    }

    @Test(
        "an undeclared method may be refused with any 4xx or 501; content without a type, or of a type not listed, may be read or refused; a refusal of a made-up id may be 404"
    )
    func expectations() {
        #expect(Self.expectation("GET /things/{id} (not declared) is refused") == CaseGeneration.Expectation.refusedMethod)
        #expect(
            Self.expectation("a body without Content-Type is read or refused, never a server error")
                == CaseGeneration.Expectation.orAbsent(.eitherOutcome))
        #expect(
            Self.expectation("a body sent as text/plain is read or refused, never a server error")
                == CaseGeneration.Expectation.orAbsent(.eitherOutcome))
        #expect(Self.expectation("name missing (required) is refused") == CaseGeneration.Expectation.orAbsent(.clientError))
        #expect(CaseGeneration.Expectation.refusedMethod.accepts(403))
        #expect(!Expectation.refusedMethod.accepts(200))
        #expect(CaseGeneration.Expectation.orAbsent(.clientError).accepts(404))
        #expect(!Expectation.orAbsent(.clientError).accepts(201))
    }

    @Test("each PUT case names a resource of its own, so cases sent at once do not race over one")
    func freshPutItems() {
        let paths = Self.cases().filter { $0.kind != .method }.compactMap { testCase -> String? in
            guard case .request(let request, _, _)? = testCase.steps.first else { return nil }
            return request.path
        }
        #expect(paths.count > 3)
        #expect(Set(paths).count == paths.count, "\(paths)")
        #expect(paths.allSatisfy { $0.hasPrefix("/things/ct-t-") }, "\(paths)")
    }

    static func judge(_ status: Int, body: String = #"{"message": "no kernel"}"#, expect: CaseGeneration.Expectation = .success) -> [String] {
        let entry = document.operations[0]
        let judge = AnswerJudge(document: document, rules: .none, checks: CheckName.selection(only: nil, excluded: [], strict: false))
        let request = RequestSpec(method: "PUT", path: "/things/a")
        let exchange = Exchange(
            request: .init(method: "PUT", url: "http://127.0.0.1/things/a", headers: [], body: nil),
            response: .init(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8)),
            transportError: nil, duration: 0, retries: 0)
        return judge.judge(exchange, expectation: expect, operation: entry, request: request, checkRules: false).map(\.description)
    }

    @Test("a server error the operation documents by its own code is an answer it allows; a documented 500 or an undocumented 5xx is not")
    func documentedServerErrors() {
        #expect(Self.judge(501) == [])
        #expect(
            Self.judge(501, body: "{}") == [
                "schema: #: required: required member 'message' is missing (spec: #/paths/~1things~1{id}/put/responses/501/content/application~1json/schema/required at things.yaml:17:97)"
            ])
        #expect(
            Self.judge(500) == [
                "server-error: answered 500: a server error is never a conforming answer (spec: things.yaml:16:9 (#/paths/~1things~1{id}/put/responses/500))"
            ])
        #expect(
            Self.judge(502).first?.hasPrefix("server-error: answered 502: a server error is never a conforming answer")
                == true)
    }

    @Test(
        "a refusal the RFCs prescribe for what the case sent is lawful though undocumented: 415 to an undeclared or missing Content-Type, 413 to 64 KiB of content; not to an ordinary request"
    )
    func prescribedRefusals() {
        let entry = Self.document.operations[0]
        let judge = AnswerJudge(document: Self.document, rules: .none)
        func judged(_ status: Int, contentType: String?, body: [UInt8], expect: CaseGeneration.Expectation) -> [String] {
            let request = RequestSpec(
                method: "PUT", path: "/things/a", headers: contentType.map { [HeaderItem(name: "Content-Type", value: $0)] } ?? [], body: body)
            let exchange = Exchange(
                request: .init(method: "PUT", url: "http://127.0.0.1/things/a", headers: [], body: body),
                response: .init(status: status, headers: [], body: []), transportError: nil, duration: 0, retries: 0)
            return judge.judge(exchange, expectation: expect, operation: entry, request: request, checkRules: false).map(\.check.rawValue)
        }
        let small = Array(#"{"name": "a"}"#.utf8)
        #expect(judged(415, contentType: "text/plain", body: small, expect: .eitherOutcome) == [])
        #expect(judged(415, contentType: nil, body: small, expect: .eitherOutcome) == [])
        #expect(judged(415, contentType: "application/json; charset=utf-8", body: small, expect: .success) == ["status"])
        #expect(judged(415, contentType: "application/json", body: small, expect: .clientError) == ["status"], "documented 400, not 415")
        let large = Array(#"{"name": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: PrescribedRefusal.largeBody) + Array(#""}"#.utf8)
        #expect(judged(413, contentType: "application/json", body: large, expect: .success) == [])
        #expect(judged(413, contentType: "application/json", body: small, expect: .success) == ["status"])
        #expect(judged(411, contentType: "application/json", body: small, expect: .success) == ["status"])
    }

    @Test("a wrong Content-Type does not hide the body: JSON under another label is still judged by its schema; a body that is not says so")
    func wrongContentTypeStillJudged() {
        let entry = Self.document.operations[0]
        let judge = AnswerJudge(document: Self.document, rules: .none)
        func judged(_ body: String) -> [String] {
            let exchange = Exchange(
                request: .init(method: "PUT", url: "http://127.0.0.1/things/a", headers: [], body: nil),
                response: .init(status: 501, headers: [("Content-Type", "text/plain")], body: Array(body.utf8)),
                transportError: nil, duration: 0, retries: 0)
            return judge.judge(
                exchange, expectation: .success, operation: entry, request: RequestSpec(method: "PUT", path: "/things/a"), checkRules: false
            )
            .map(\.description)
        }
        #expect(
            judged("{}") == [
                "content-type: expected Content-Type application/json, found text/plain (spec: things.yaml:17:9 (#/paths/~1things~1{id}/put/responses/501))",
                "schema: #: required: required member 'message' is missing (spec: #/paths/~1things~1{id}/put/responses/501/content/application~1json/schema/required at things.yaml:17:97)",
            ])
        #expect(
            judged("no kernel") == [
                "content-type: expected Content-Type application/json, found text/plain; the body does not parse as application/json either, so its schema could not be judged (spec: things.yaml:17:9 (#/paths/~1things~1{id}/put/responses/501))"
            ])
    }
}
