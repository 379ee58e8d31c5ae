import OpenAPIModel
import OrderedCollections
import Testing
import YAMLSource

@Suite("OpenAPI 3.1 and 3.2 documents")
struct VersionFeatureTests {
    @Test("3.1: webhooks, path item components, boolean schemas, mutual TLS, optional paths")
    func openAPI31() throws {
        let result = load(
            """
            openapi: 3.1.0
            info: {title: t, version: v, summary: s, license: {name: MIT, identifier: MIT}}
            jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema
            webhooks:
              newPet:
                $ref: '#/components/pathItems/NewPet'
            components:
              schemas:
                Anything: true
                Nothing: false
                Pet:
                  type: [object, 'null']
                  properties:
                    tags: {type: array, prefixItems: [{type: string}], items: false}
              pathItems:
                NewPet:
                  post:
                    requestBody:
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Pet'}
                    responses:
                      '200': {description: ok}
              securitySchemes:
                mtls: {type: mutualTLS}
            """)
        #expect(messages(result) == [])
        let document = try #require(result.document)
        #expect(document.schemaDialect == .jsonSchema2020_12)
        #expect(document.info.summary == "s")
        #expect(document.info.license?.identifier == "MIT")
        #expect(document.paths.isEmpty)
        #expect(document.webhooks["newPet"]?.operations.keys.elements == ["POST"])
        #expect(document.webhooks["newPet"]?.reference?.ref == "#/components/pathItems/NewPet")
        #expect(document.components.schemas["Anything"]?.node.scalar?.bool == true)
        #expect(document.components.securitySchemes["mtls"]?.type == .mutualTLS)
    }

    @Test("3.1: a Reference Object may override summary and description")
    func referenceOverrides() throws {
        let document = try #require(
            load(
                """
                openapi: 3.1.0
                info: {title: t, version: v}
                paths:
                  /a:
                    get:
                      parameters:
                        - $ref: '#/components/parameters/Q'
                          description: Overridden.
                      responses:
                        '200': {$ref: '#/components/responses/Ok', summary: Short}
                components:
                  parameters:
                    Q: {name: q, in: query, description: Original., schema: {type: string}}
                  responses:
                    Ok: {description: ok}
                """
            ).document)
        let entry = try #require(document.operations.first)
        #expect(entry.parameters.first?.description == "Overridden.")
        #expect(document.components.parameters["Q"]?.description == "Original.")
    }

    @Test("3.2: query method, additional operations, querystring parameters, optional response descriptions")
    func openAPI32() throws {
        let result = load(
            """
            openapi: 3.2.0
            $self: https://example.com/api.yaml
            info: {title: t, version: v}
            paths:
              /search:
                query:
                  parameters:
                    - {name: q, in: querystring, content: {application/x-www-form-urlencoded: {schema: {type: object}}}}
                  responses:
                    '200': {summary: Found}
                additionalOperations:
                  COPY:
                    responses:
                      default: {description: copied}
            tags:
              - {name: a, kind: nav}
              - {name: b, parent: a}
            components:
              mediaTypes:
                Json:
                  schema: {type: object}
            """)
        #expect(messages(result) == [])
        let document = try #require(result.document)
        #expect(document.selfURI == "https://example.com/api.yaml")
        #expect(document.operations.map { "\($0.method) \($0.path)" } == ["QUERY /search", "COPY /search"])
        #expect(document.operations.first?.parameters.first?.location == .querystring)
        #expect(document.operations.first?.operation.responses.byStatus["200"]?.summary == "Found")
        #expect(document.tags.map(\.parent) == [nil, "a"])
        #expect(document.components.mediaTypes.keys.elements == ["Json"])
    }

    @Test("3.0 documents are told which fields are newer")
    func newerFieldsIn30() {
        let result = load(
            """
            openapi: 3.0.3
            info: {title: t, version: v, summary: s}
            paths:
              /a:
                query:
                  responses: {'200': {description: ok}}
                get:
                  parameters:
                    - {name: q, in: querystring, schema: {type: string}}
                  responses: {'200': {description: ok}}
            components:
              schemas:
                B: true
            """)
        #expect(
            messages(result) == [
                "api.yaml:2:30: warning: 'summary' is an OpenAPI 3.1 field, but this document declares 3.0.3; it is ignored (at #/info/summary)",
                "api.yaml:5:5: warning: unknown field 'query' in the Path Item object (expected one of 'summary', 'description', 'get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'servers', 'parameters', or an 'x-' extension) (at #/paths/~1a/query)",
                "api.yaml:9:25: error: 'in' must be one of query, header, path or cookie, found 'querystring' (at #/paths/~1a/get/parameters/0/in)",
                "api.yaml:13:8: error: expected a Schema object (a mapping), found a boolean (at #/components/schemas/B)",
            ])
    }
}
