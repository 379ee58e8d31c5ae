import BusinessRules
import CaseGeneration
import Checks
import Execution
import OpenAPIModel
import Testing
import YAMLSource

/// How recorded exchanges are judged where the record cannot say what the client meant.
@Suite("Recorded traffic: what every reading requires of an answer")
struct TrafficVerifierTests {
    static let document: OpenAPIDocument = OpenAPILoader().load(
        SourceFile(
            path: "pets.yaml",
            text: """
                openapi: 3.0.3
                info: {title: Pets, version: '1'}
                servers: [{url: 'https://pets.example/v1'}]
                paths:
                  /pets:
                    get:
                      responses:
                        '200': {description: ok, content: {application/json: {schema: {type: array}}}}
                  /pets/{id}:
                    parameters:
                      - {name: id, in: path, required: true, schema: {type: integer}}
                    get:
                      responses:
                        '200': {description: ok, content: {application/json: {schema: {type: object}}}}
                """)
    ).document!

    static func verdict(_ method: String, _ url: String, headers: [(String, String)] = [], status: Int, body: String = "") -> TrafficVerdict {
        let verifier = TrafficVerifier(document: document, rules: .none, checks: CheckName.selection(only: nil, excluded: [], strict: false))
        let exchange = Exchange(
            request: .init(method: method, url: url, headers: headers, body: nil),
            response: .init(status: status, headers: body.isEmpty ? [] : [("Content-Type", "application/json")], body: Array(body.utf8)),
            transportError: nil, duration: 0.01, retries: 0)
        return verifier.verify([RecordedExchange(exchange: exchange, source: "t.har entry 1")])
    }

    static func failures(_ verdict: TrafficVerdict) -> [String] {
        verdict.results.flatMap(\.failures).map(\.description)
    }

    @Test("a 304 to a conditional GET is an answer HTTP allows whatever the document lists; without the condition it is not documented")
    func notModified() {
        #expect(Self.failures(Self.verdict("GET", "https://pets.example/v1/pets", headers: [("If-None-Match", "\"abc\"")], status: 304)) == [])
        #expect(
            Self.failures(Self.verdict("GET", "https://pets.example/v1/pets", status: 304)) == [
                "status: 304 is not documented for GET /pets (documented: 200) (spec: pets.yaml:6:5 (#/paths/~1pets/get))"
            ])
    }

    @Test("a 404 where the path names a resource is what a server owes an id that names nothing; a 404 elsewhere is not documented")
    func absentResources() {
        #expect(Self.failures(Self.verdict("GET", "https://pets.example/v1/pets/7", status: 404)) == [])
        #expect(
            Self.failures(Self.verdict("GET", "https://pets.example/v1/pets", status: 404)) == [
                "status: 404 is not documented for GET /pets (documented: 200) (spec: pets.yaml:6:5 (#/paths/~1pets/get))"
            ])
    }

    @Test(
        "a path parameter the schema refuses is the client's problem, not the server's failure; other paths are undocumented, other hosts elsewhere")
    func clientsAndStrangers() {
        let faulty = Self.verdict("GET", "https://pets.example/v1/pets/seven", status: 400)
        #expect(faulty.clientProblems.map(\.problem) == ["path parameter 'id': expected integer, found string (\"seven\")"])
        #expect(Self.failures(faulty) == [])
        let stranger = Self.verdict("GET", "https://pets.example/v1/owners", status: 200)
        #expect(stranger.undocumented.map { "\($0.method) \($0.path) \($0.count) \($0.firstSource)" } == ["GET /v1/owners 1 t.har entry 1"])
        #expect(Self.verdict("GET", "https://cdn.example/app.js", status: 200).elsewhere == 1)
    }
}
