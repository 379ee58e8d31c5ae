import Foundation
import OpenAPIModel
import OrderedCollections
import Testing
import YAMLSource

@Suite("Swagger 2.0: converted on load into the model an OpenAPI 3.0 document gives")
struct Swagger2Tests {
    static let converted = OpenAPILoader().load(file: fixtures + "/swagger2/petstore.yaml")
    static let byHand = OpenAPILoader().load(file: fixtures + "/swagger2/petstore-as-3.0.yaml")

    /// Everything a stage of the pipeline reads from a document, one line per fact, with
    /// schemas and examples as JSON of sorted keys.
    static func facts(_ document: OpenAPIDocument) -> [String] {
        var lines = document.servers.map { "server \($0.url)" }
        lines += document.security.map { "security \(requirement($0))" }
        for entry in document.operations {
            lines.append("operation \(entry.method) \(entry.path) \(entry.id) security \(entry.security.map(requirement))")
            for parameter in entry.parameters {
                lines.append(
                    "  parameter \(parameter.name) in \(parameter.location.rawValue) required \(parameter.required) "
                        + "style \(parameter.effectiveStyle) explode \(parameter.explode ?? (parameter.effectiveStyle == "form")) "
                        + "schema \(json(parameter.schema?.node))")
            }
            if let body = entry.operation.requestBody {
                lines.append("  body required \(body.required)")
                for (type, media) in body.content { lines.append("  body \(type) schema \(json(media.schema?.node))") }
            }
            for (status, response) in entry.operation.responses.byStatus {
                lines.append("  response \(status) \(response.description ?? "")")
                for (name, header) in response.headers { lines.append("    header \(name) schema \(json(header.schema?.node))") }
                for (type, media) in response.content {
                    lines.append("    \(type) schema \(json(media.schema?.node)) example \(json(media.example))")
                }
            }
        }
        for (name, schema) in document.components.schemas { lines.append("schema \(name) \(json(schema.node))") }
        for (name, scheme) in document.components.securitySchemes {
            let flows = scheme.flows.map { flow in
                "\(flow.key) \(flow.value.authorizationUrl ?? "-") \(flow.value.tokenUrl ?? "-") \(flow.value.scopes.map { "\($0.key)=\($0.value)" })"
            }
            lines.append("scheme \(name) \(scheme.type.rawValue) \(scheme.scheme ?? "-") \(scheme.name ?? "-") \(scheme.keyLocation ?? "-") \(flows)")
        }
        return lines
    }

    static func requirement(_ requirement: SecurityRequirement) -> String {
        requirement.schemes.map { "\($0.key)\($0.value)" }.joined(separator: "+")
    }

    /// A node as JSON text with sorted keys: written here, apart from the loader.
    static func json(_ node: Node?) -> String {
        guard let node else { return "-" }
        switch node.content {
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: return "\"\(scalar.text)\""
            case .null: return "null"
            default: return scalar.text
            }
        case .sequence(let items):
            return "[" + items.map { json($0) }.joined(separator: ",") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\(json($0.key)):\(json($0.value))" }.sorted().joined(separator: ",") + "}"
        }
    }

    @Test("the converted document reads as the OpenAPI 3.0 document written by hand")
    func sameAsByHand() throws {
        #expect(messages(Self.converted) == [])
        #expect(messages(Self.byHand) == [])
        let converted = try #require(Self.converted.document)
        let byHand = try #require(Self.byHand.document)
        let (ours, theirs) = (Self.facts(converted), Self.facts(byHand))
        #expect(ours.count == theirs.count)
        for (line, (mine, expected)) in zip(ours, theirs).enumerated() where mine != expected {
            Issue.record("fact \(line): \(mine)\n    expected: \(expected)")
        }
        #expect(converted.convertedFrom == "Swagger 2.0")
        #expect(byHand.convertedFrom == nil)
    }

    @Test("every converted node points at the 2.0 file's line")
    func positions() throws {
        let document = try #require(Self.converted.document)
        let text = try String(contentsOfFile: fixtures + "/swagger2/petstore.yaml", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        /// The 1-based line that reads `needle` (spaces aside), first after the line `anchor`.
        func line(of needle: String, after anchor: String) -> Int {
            let start = lines.firstIndex { $0 == anchor }!
            return lines[start...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == needle }! + 1
        }
        let pet = try #require(document.components.schemas["Pet"])
        #expect(pet.location.mark.line == line(of: "Pet:", after: "definitions:"))
        #expect(pet.location.mark.file.hasSuffix("swagger2/petstore.yaml"))
        let create = try #require(document.operations.first { $0.id == "createPet" })
        let body = try #require(create.operation.requestBody)
        #expect(body.location.mark.line == line(of: "name: pet", after: "parameters:"))
        let upload = try #require(document.operations.first { $0.id == "uploadPhoto" })
        let photo = try #require(upload.operation.requestBody?.content["multipart/form-data"]?.schema?.node["properties"]?["photo"])
        #expect(photo.mark.line == line(of: "type: file", after: "  /pets/{petId}/photo:"))
    }

    @Test("a mistake in a 2.0 document is reported at its place in the 2.0 file")
    func mistakesAtTheirPlace() {
        let text = """
            swagger: "2.0"
            info: {title: t, version: "1"}
            paths:
              /things:
                post:
                  parameters:
                    - name: thing
                      in: body
                      schema:
                        $ref: '#/definitions/Thing'
                  responses:
                    "200":
                      schema:
                        $ref: '#/definitions/Thing'
            definitions:
              Thing:
                type: object
            """
        #expect(
            messages(load(text)) == [
                "api.yaml:12:9: error: the Response object is missing its required field 'description' (at #/paths/~1things/post/responses/200)"
            ])
    }

    @Test(
        "what has no OpenAPI 3 form is said, where it is written",
        arguments: [
            (
                "swagger: '1.2'\ninfo: {title: t, version: v}\npaths: {}\n",
                "api.yaml:1:10: error: unsupported Swagger version '1.2': expected '2.0', or an OpenAPI 3 document ('openapi: 3.1.0') (at #/swagger)"
            ),
            (
                "swagger: '2.0'\ninfo: {title: t, version: v}\npaths:\n  /a:\n    post:\n      parameters:\n        - {name: b, in: body}\n      responses: {'200': {description: ok}}\n",
                "api.yaml:7:11: error: the body parameter has no 'schema': expected the schema of the request body (at #/paths/~1a/post/requestBody)"
            ),
            (
                "swagger: '2.0'\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: b, in: query, type: array, collectionFormat: tsv, items: {type: string}}\n      responses: {'200': {description: ok}}\n",
                "api.yaml:7:63: warning: collectionFormat 'tsv' has no OpenAPI 3 style: the values are sent comma-separated (csv) (at #/paths/~1a/get)"
            ),
            (
                "swagger: '2.0'\ninfo: {title: t, version: v}\npaths:\n  /a/{codes}:\n    get:\n      parameters:\n        - {name: codes, in: path, required: true}\n      responses: {'200': {description: ok}}\n",
                "api.yaml:7:11: error: parameter 'codes' has no 'type': Swagger 2.0 requires one (string, number, integer, boolean or array) (at #/paths/~1a~1{codes}/get)"
            ),
        ])
    func refusals(text: String, expected: String) {
        #expect(messages(load(text)) == [expected])
    }

    @Test(
        "a type no JSON type is named by is the document's error, with the name it probably meant",
        arguments: [
            (
                "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    N: {type: int}\n",
                "api.yaml:6:15: error: 'type' must be one of array, boolean, integer, number, object, string, found 'int'; did you mean 'integer'? (at #/components/schemas/N/type)"
            ),
            (
                "openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\ncomponents:\n  schemas:\n    N: {type: [string, nul]}\n",
                "api.yaml:6:24: error: 'type' must be one of array, boolean, integer, null, number, object, string, found 'nul' (at #/components/schemas/N/type/1)"
            ),
            (
                "swagger: '2.0'\ninfo: {title: t, version: v}\npaths:\n  /a/{n}:\n    get:\n      parameters: [{in: path, name: n, required: true, type: int}]\n      responses: {'200': {description: ok}}\n",
                "api.yaml:6:62: error: 'type' must be one of array, boolean, integer, number, object, string, found 'int'; did you mean 'integer'? (at #/paths/~1a~1{n}/get/parameters/0/schema/type)"
            ),
        ])
    func unknownTypes(text: String, expected: String) {
        #expect(messages(load(text)) == [expected])
    }

    @Test("servers from host, basePath and schemes; basePath alone when the host is the one serving the document")
    func servers() throws {
        func urls(_ head: String) throws -> [String] {
            try #require(load("swagger: '2.0'\ninfo: {title: t, version: v}\n\(head)paths: {}\n").document).servers.map(\.url)
        }
        #expect(
            try urls("host: api.example.com\nbasePath: /v1\nschemes: [https, http]\n") == ["https://api.example.com/v1", "http://api.example.com/v1"])
        #expect(try urls("host: api.example.com\n") == ["https://api.example.com"])
        #expect(try urls("host: localhost:5000\nbasePath: /\n") == ["http://localhost:5000"])
        #expect(try urls("basePath: /api\n") == ["/api"])
        #expect(try urls("") == [])
    }
}
