import BusinessRules
import CaseGeneration
import OpenAPIModel
import SchemaValidation
import Testing
import YAMLSource

/// Requests that name other resources the run never created (`project_id`, `labelIds`, a member
/// named as a collection, a token it never obtained) may be refused with any 4xx, with the reason; and every value of a
/// member that names a resource (`title`) is new in the run, in every kind of case.
@Suite("References the run never created, and fresh names everywhere")
struct ReferenceAndNameTests {
    static let document = OpenAPILoader().load(
        SourceFile(
            path: "tasks.yaml",
            text: """
                openapi: 3.0.3
                info: {title: Tasks, version: "1"}
                paths:
                  /projects/{id}:
                    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                    get:
                      operationId: readProject
                      responses: {"200": {description: the project}}
                  /tasks:
                    get:
                      operationId: listTasks
                      parameters: [{name: project_id, in: query, required: true, schema: {type: integer}}]
                      responses: {"200": {description: the tasks}}
                    post:
                      operationId: createTask
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [title, project]
                              properties:
                                title: {type: string, maxLength: 80}
                                project: {type: integer}
                                labelIds: {type: array, items: {type: integer}}
                                note: {type: string}
                      responses:
                        "201": {description: created}
                        "400": {description: refused}
                  /token/refresh:
                    post:
                      operationId: refreshToken
                      requestBody:
                        required: true
                        content: {application/json: {schema: {type: object, required: [refresh], properties: {refresh: {type: string}}}}}
                      responses: {"200": {description: a new access token}}
                  /notes:
                    post:
                      operationId: createNote
                      requestBody:
                        content: {application/json: {schema: {type: object, properties: {text: {type: string}}}}}
                      responses: {"201": {description: created}}
                """)
    ).document!

    static func cases(seed: UInt64 = 1) -> [TestCase] {
        var generator = CaseGenerator(document: document, rules: .none, options: CaseOptions(seed: seed, runTag: "r"))
        return generator.cases()
    }

    @Test("a valid request that names other resources may get any 4xx; one that names none must succeed")
    func references() throws {
        let cases = Self.cases()
        func expectation(_ operationId: String) -> CaseGeneration.Expectation? {
            guard let positive = cases.first(where: { $0.operationId == operationId && $0.kind == .positive }),
                case .request(_, let expect, _)? = positive.steps.first
            else { return nil }
            return expect
        }
        #expect(expectation("createTask") == .orRefusedReference(.success, members: ["/project", "/labelIds"]))
        #expect(expectation("listTasks") == .orRefusedReference(.success, members: ["query:project_id"]))
        #expect(expectation("createNote") == .success)
        #expect(expectation("refreshToken") == .orRefusedReference(.success, members: ["/refresh"]))
        #expect(CaseGeneration.Expectation.orRefusedReference(.success, members: ["/project"]).accepts(404))
        #expect(!CaseGeneration.Expectation.orRefusedReference(.success, members: ["/project"]).accepts(500))
        #expect(
            CaseGeneration.Expectation.orRefusedReference(.success, members: ["/project"]).description
                == "a documented 2xx, or a 4xx refusing a reference the run could not create (/project)")
    }

    @Test("every title the run sends is new, in every kind of case, at several seeds", arguments: [1, 2, 3] as [UInt64])
    func freshNames(seed: UInt64) throws {
        var seen: [String: String] = [:]
        var repeated: [String] = []
        for testCase in Self.cases(seed: seed) where testCase.operationId == "createTask" {
            for request in testCase.requests {
                guard let title = request.json?.value(at: JSONPointer(tokens: ["title"]))?.stringValue else { continue }
                if let first = seen[title] {
                    repeated.append("\(testCase.name) repeats \(title.debugDescription) of \(first)")
                } else {
                    seen[title] = testCase.name
                }
            }
        }
        #expect(repeated == [], "\(repeated.joined(separator: "\n"))")
    }
}
