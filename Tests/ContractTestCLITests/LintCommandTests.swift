import Foundation
import Testing

@Suite("contract-test lint, end to end")
struct LintCommandTests {
    /// What `lint` prints for the project's contract.
    let contractSummary = """
        specs/partneraccount.yaml: OpenAPI 3.0.3, "Developer Partner APIs" 1.0.0
          servers:
            https://api-sandbox.sendpro360.pitneybowes.com/developerprofile  (Sandbox Server)
            https://api.sendpro360.pitneybowes.com/developerprofile  (Production Server (uses live data))
          operations (1):
            POST /api/v1/invitation  createPartnerInvitation
          schemas: 5
          security schemes: bearerAuth (http bearer)
          problems: none
        """

    @Test("the contract lints clean: summary, exit 0")
    func contract() throws {
        let outcome = try CommandRunner.run(["lint", "specs/partneraccount.yaml"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == contractSummary + "\n")
    }

    @Test("a Swagger 2.0 document lints as the OpenAPI 3.0 document it converts to, saying so")
    func swagger2() throws {
        let outcome = try CommandRunner.run(["lint", "Tests/Fixtures/swagger2/petstore.yaml"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == """
            Tests/Fixtures/swagger2/petstore.yaml: Swagger 2.0 (read as OpenAPI 3.0.3), "Pet shop" 1.0.0
              servers:
                http://127.0.0.1:8080/v2
              operations (7):
                GET /pets                 listPets
                POST /pets                createPet
                GET /pets/{petId}         showPet
                DELETE /pets/{petId}      deletePet
                GET /pets/{petId}/photo   downloadPhoto
                POST /pets/{petId}/photo  uploadPhoto
                POST /login               login
              schemas: 3
              security schemes: basicAuth (http basic), apiKey (apiKey in header 'X-API-Key'), shopOAuth (oauth2 (authorizationCode)), machines (oauth2 (clientCredentials))
              problems: none

            """)
    }

    @Test("an example that contradicts its schema is a warning at the example, with the validator's reason; exit 0")
    func examples() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("examples.yaml")
        try """
            openapi: 3.0.3
            info: {title: Examples, version: '1'}
            paths:
              /a:
                post:
                  operationId: makeA
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {n: {type: integer, maximum: 5}}}
                        example: {n: 9}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {type: object, required: [id], properties: {id: {type: string}}}
                          examples:
                            fine: {value: {id: a1}}
                            broken: {value: {ident: a1}}
            """.write(to: spec, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["lint", spec.path])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("""
              problems: 0 errors, 2 warnings
            \(spec.path):11:22: warning: the example of the application/json request body of makeA contradicts its schema: #/n: maximum: expected a number at most 5, found 9 (schema #/paths/~1a/post/requestBody/content/application~1json/schema/properties/n/maximum at \(spec.path):10:68)
            """), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("\(spec.path):20:33: warning: example 'broken' of the 200 application/json response of makeA contradicts its schema: #: required: required member 'id' is missing"))
    }

    @Test("problems print with the source line and a caret; any error exits 2")
    func problems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("bad.yaml")
        try """
            openapi: 3.0.3
            info: {title: Bad, version: '1'}
            paths:
              /a:
                get:
                  responses:
                    '200':
                      $ref: '#/components/responses/Nope'
            """.write(to: spec, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["lint", spec.path, "specs/partneraccount.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout == """
            \(spec.path): OpenAPI 3.0.3, "Bad" 1
              servers:
                (none: '/' is implied)
              operations (1):
                GET /a  (no operationId)
              schemas: 0
              security schemes: none
              problems: 1 error, 0 warnings
            \(spec.path):8:17: error: cannot resolve '$ref: #/components/responses/Nope': nothing exists at #/components/responses/Nope in '\(spec.path)' (at #/paths/~1a/get/responses/200/$ref)
                      $ref: '#/components/responses/Nope'
                            ^

            \(contractSummary)

            """)
    }

    @Test("an unreadable file is an error, not a crash")
    func missing() throws {
        let outcome = try CommandRunner.run(["lint", "specs/no-such.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout == """
            specs/no-such.yaml: not loaded
              problems: 1 error, 0 warnings
            error: cannot read 'specs/no-such.yaml': No such file or directory

            """)
    }

    @Test("--format json gives tools the same facts")
    func json() throws {
        let outcome = try CommandRunner.run(["lint", "--format", "json", "specs/partneraccount.yaml", "Tests/Fixtures/specs-corpus/petstore.yaml"])
        #expect(outcome.status == 0)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        #expect(reports[0]["file"] as? String == "specs/partneraccount.yaml")
        #expect(reports[0]["valid"] as? Bool == true)
        let summary = try #require(reports[0]["summary"] as? [String: Any])
        #expect(summary["openapi"] as? String == "3.0.3")
        #expect(summary["schemaCount"] as? Int == 5)
        let operations = try #require(summary["operations"] as? [[String: Any]])
        #expect(operations.first?["operationId"] as? String == "createPartnerInvitation")
        #expect(operations.first?["method"] as? String == "POST")
        #expect((reports[1]["summary"] as? [String: Any])?["title"] as? String == "Swagger Petstore")
    }

    @Test("usage errors name the problem")
    func usage() throws {
        let outcome = try CommandRunner.run(["lint"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("Error: Missing expected argument '<specs> ...'"))
    }
}
