import Logging
import MockServer
import OpenAPIModel
import Testing
import YAMLSource

/// The mock agrees with an independent validator on what a request must carry: a required
/// header parameter is enforced (missing or malformed: 400), and members a schema does not
/// declare are accepted where it allows them.
@Suite("The mock: required headers, undeclared members")
struct RequiredHeaderTests {
    static let api: MockAPI = {
        let document = OpenAPILoader().load(
            SourceFile(
                path: "api.yaml",
                text: """
                    openapi: 3.1.0
                    info: {title: t, version: v}
                    paths:
                      /a:
                        post:
                          parameters:
                            - {name: X-Request-Id, in: header, required: true, schema: {type: string, format: uuid}}
                          requestBody:
                            required: true
                            content:
                              application/json:
                                schema: {type: object, required: [name], properties: {name: {type: string}}}
                          responses:
                            '200': {description: ok, content: {application/json: {schema: {type: object}}}}
                            '400': {description: refused}
                    """)
        ).document!
        return MockAPI(document: document, configuration: MockConfiguration(port: 0), logger: Logger(label: "test"))
    }()

    @Test(
        "headers and bodies",
        arguments: [
            ([("X-Request-Id", "3f1c3c1e-0000-4000-8000-000000000000")], #"{"name": "n"}"#, 200),
            ([], #"{"name": "n"}"#, 400),
            ([("X-Request-Id", "not-a-uuid")], #"{"name": "n"}"#, 400),
            ([("x-request-id", "3f1c3c1e-0000-4000-8000-000000000000")], #"{"name": "n"}"#, 200),
            ([("X-Request-Id", "3f1c3c1e-0000-4000-8000-000000000000")], #"{"name": "n", "extra": {"deep": [1, null]}, "": true}"#, 200),
            ([("X-Request-Id", "3f1c3c1e-0000-4000-8000-000000000000")], #"{"extra": 1}"#, 400),
        ])
    func request(headers: [(String, String)], body: String, status: Int) async {
        let answer = await Self.api.respond(
            to: MockRequest(
                method: "POST", target: "/a", headers: [("Content-Type", "application/json")] + headers.map { (name: $0.0, value: $0.1) },
                body: Array(body.utf8)))
        #expect(answer.status == status, "\(String(decoding: answer.body, as: UTF8.self))")
    }
}
