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
        #expect(
            outcome.stdout == """
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

    @Test(
        "remote references are fetched from a real HTTP server (Python's http.server), listed with their digest, revalidated from the cache, and refused with --no-remote-refs"
    )
    func remoteReferences() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-remote-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/served/common", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pet = "Pet:\n  type: object\n  properties:\n    id: {$ref: 'common/ids.yaml#/Id'}\n"
        try pet.write(toFile: folder + "/served/pet.yaml", atomically: true, encoding: .utf8)
        try "Id: {type: integer, minimum: 1}\n".write(toFile: folder + "/served/common/ids.yaml", atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder + "/served"]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        var banner = ""
        while !banner.contains("\n"), let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty {
            banner += String(decoding: byte, as: UTF8.self)
        }
        let port = try #require(banner.split(separator: " ").firstIndex(of: "port").map { banner.split(separator: " ")[$0 + 1] })
        let base = "http://127.0.0.1:\(port)"
        let spec = folder + "/main.yaml"
        try """
        openapi: 3.0.3
        info: {title: Pets, version: '1'}
        paths:
          /pets:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '\(base)/pet.yaml#/Pet'}
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let digest = try Self.sha256sum(folder + "/served/pet.yaml")
        let ids = try Self.sha256sum(folder + "/served/common/ids.yaml")
        let first = try CommandRunner.run(["lint", spec, "--ref-cache", folder + "/cache"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout.hasSuffix(
                """
                  files: 3
                  remote documents:
                    \(base)/pet.yaml  (sha256 \(digest.prefix(12)), fetched)
                    \(base)/common/ids.yaml  (sha256 \(ids.prefix(12)), fetched)
                  problems: none

                """), "\(first.stdout)")
        // http.server answers If-Modified-Since with 304.
        let second = try CommandRunner.run(["lint", spec, "--ref-cache", folder + "/cache"])
        #expect(second.stdout.contains("\(base)/pet.yaml  (sha256 \(digest.prefix(12)), unchanged since cached)"), "\(second.stdout)")
        let off = try CommandRunner.run(["lint", spec, "--no-remote-refs"])
        #expect(off.status == 2)
        #expect(
            off.stdout.contains(
                "\(spec):11:30: error: cannot resolve '$ref: \(base)/pet.yaml#/Pet': '\(base)/pet.yaml' is not fetched: remote references are off (--no-remote-refs) (at #/paths/~1pets/get/responses/200/content/application~1json/schema/$ref)"
            ), "\(off.stdout)")
    }

    /// The digest by coreutils.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(printed.prefix { $0 != " " })
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
        #expect(
            outcome.stdout.contains(
                """
                  problems: 0 errors, 2 warnings
                \(spec.path):11:22: warning: the example of the application/json request body of makeA contradicts its schema: #/n: maximum: expected a number at most 5, found 9 (schema #/paths/~1a/post/requestBody/content/application~1json/schema/properties/n/maximum at \(spec.path):10:68)
                """), "\(outcome.stdout)")
        #expect(
            outcome.stdout.contains(
                "\(spec.path):20:33: warning: example 'broken' of the 200 application/json response of makeA contradicts its schema: #: required: required member 'id' is missing"
            ))
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
        #expect(
            outcome.stdout == """
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
        #expect(
            outcome.stdout == """
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
