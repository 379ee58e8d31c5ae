import OpenAPIModel
import Testing

@Suite("Model problems are collected, each with a place and an expectation")
struct ModelDiagnosticsTests {
    @Test(
        "not an OpenAPI 3 document",
        arguments: [
            (
                "swagger: 2.1\ninfo: {title: t, version: v}\n",
                "api.yaml:1:10: error: unsupported Swagger version '2.1': expected '2.0', or an OpenAPI 3 document ('openapi: 3.1.0') (at #/swagger)"
            ),
            (
                "info: {title: t, version: v}\n",
                "api.yaml:1:1: error: the document is missing its required field 'openapi': expected 'openapi: 3.0.x', '3.1.x' or '3.2.x' (or 'swagger: \"2.0\"') (at #)"
            ),
            (
                "openapi: 3.1\ninfo: {title: t, version: v}\n",
                "api.yaml:1:10: error: unsupported OpenAPI version '3.1': expected 3.0.x, 3.1.x or 3.2.x (three numbers, e.g. '3.1.0') (at #/openapi)"
            ),
            (
                "openapi: 4.0.0\n",
                "api.yaml:1:10: error: unsupported OpenAPI version '4.0.0': expected 3.0.x, 3.1.x or 3.2.x (three numbers, e.g. '3.1.0') (at #/openapi)"
            ),
            (
                "- openapi: 3.0.0\n",
                "api.yaml:1:1: error: expected an OpenAPI document (a mapping with 'openapi', 'info' and 'paths'), found a sequence (at #)"
            ),
        ])
    func notOpenAPI(text: String, expected: String) {
        let result = load(text)
        #expect(messages(result) == [expected])
        #expect(result.document == nil)
        #expect(result.hasErrors)
    }

    /// A `$ref` at the root is followed as bundlers do; where it leads to no object, or back to
    /// itself, that is said (it once trapped on a force unwrap).
    @Test(
        "a $ref at the document's root",
        arguments: [
            (
                "openapi: 3.1.0\n$ref: '#/openapi'\n",
                [
                    "api.yaml:1:10: error: expected the OpenAPI object (a mapping), found a string (at #/openapi)",
                    "api.yaml:2:7: warning: '$ref' in place of the OpenAPI object: OpenAPI lists no reference here; it is loaded as the node it points to, as bundlers do (at #/$ref)",
                ]
            ),
            (
                "openapi: 3.1.0\n$ref: '#'\n",
                [
                    "api.yaml:1:1: error: the OpenAPI object is missing its required field 'info' (at #)",
                    "api.yaml:1:1: error: the document needs at least one of 'paths', 'components' and 'webhooks' (at #)",
                    "api.yaml:2:1: warning: unknown field '$ref' in the OpenAPI object (expected one of 'openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs', or an 'x-' extension) (at #/$ref)",
                    "api.yaml:2:7: error: '$ref: #' leads back to itself: expected a chain of references that ends at the OpenAPI object (at #/$ref)",
                ]
            ),
        ])
    func rootReference(text: String, expected: [String]) {
        let result = load(text)
        #expect(messages(result) == expected)
        #expect(result.hasErrors)
    }

    /// A document with these component schemas, one operation answering the first of them.
    static func withSchemas(_ version: String, _ schemas: String) -> String {
        """
        openapi: \(version)
        info: {title: t, version: v}
        paths:
          /a:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/A'}
        components:
          schemas:
        \(schemas.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

        """
    }

    /// Schemas that apply to the same value in a loop make validation endless: the document's
    /// error, at the `$ref` that closes the loop (run once blamed the server for it).
    @Test(
        "loops of schemas that apply to the same value",
        arguments: [
            (
                "3.0.3", "A: {$ref: '#/components/schemas/B'}\nB: {$ref: '#/components/schemas/A'}",
                "api.yaml:15:15: error: '$ref: #/components/schemas/A' closes a loop of schemas that all apply to the same value (#/components/schemas/A → #/components/schemas/B → #/components/schemas/A): validating against it would never end; expected the loop to pass through a keyword that moves into the value (properties, items, ...) (at #/components/schemas/B/$ref)"
            ),
            (
                "3.0.3",
                "A: {type: object, allOf: [{$ref: '#/components/schemas/B'}]}\nB: {anyOf: [{type: string}, {$ref: '#/components/schemas/A'}]}",
                "api.yaml:15:40: error: '$ref: #/components/schemas/A' closes a loop of schemas that all apply to the same value (#/components/schemas/A → #/components/schemas/A/allOf/0 → #/components/schemas/B → #/components/schemas/B/anyOf/1 → #/components/schemas/A): validating against it would never end; expected the loop to pass through a keyword that moves into the value (properties, items, ...) (at #/components/schemas/B/anyOf/1/$ref)"
            ),
            (
                "3.1.0", "A: {not: {$ref: '#/components/schemas/A'}}",
                "api.yaml:14:21: error: '$ref: #/components/schemas/A' closes a loop of schemas that all apply to the same value (#/components/schemas/A → #/components/schemas/A/not → #/components/schemas/A): validating against it would never end; expected the loop to pass through a keyword that moves into the value (properties, items, ...) (at #/components/schemas/A/not/$ref)"
            ),
        ])
    func referenceLoops(version: String, schemas: String, expected: String) {
        #expect(messages(load(Self.withSchemas(version, schemas))) == [expected])
    }

    /// Recursion through a keyword that moves into the value ends with the value, and a
    /// discriminator picks its branch: neither is a loop.
    @Test(
        "recursive schemas and discriminated inheritance are not loops",
        arguments: [
            ("3.0.3", "A: {type: object, properties: {child: {$ref: '#/components/schemas/A'}}}"),
            ("3.1.0", "A: {type: array, items: {anyOf: [{type: string}, {$ref: '#/components/schemas/A'}]}}"),
            // `if` and `then` are no keywords of OpenAPI 3.0's dialect.
            ("3.0.3", "A: {type: object, if: {$ref: '#/components/schemas/A'}, then: {$ref: '#/components/schemas/A'}}"),
            (
                "3.0.3",
                """
                A:
                  type: object
                  required: [kind]
                  properties: {kind: {type: string}}
                  discriminator: {propertyName: kind, mapping: {b: '#/components/schemas/B'}}
                  oneOf: [{$ref: '#/components/schemas/B'}]
                B:
                  allOf: [{$ref: '#/components/schemas/A'}, {type: object, properties: {b: {type: integer}}}]
                """
            ),
        ])
    func notLoops(version: String, schemas: String) {
        #expect(messages(load(Self.withSchemas(version, schemas))) == [])
    }

    @Test(
        "schemas no value can satisfy",
        arguments: [
            (
                "3.0.3", "A: {type: string, minLength: 5, maxLength: 2}",
                "api.yaml:14:34: error: minLength 5 is above maxLength 2: no value can satisfy this schema (expected minLength ≤ maxLength) (at #/components/schemas/A/minLength)"
            ),
            (
                "3.0.3", "A: {type: integer, minimum: 10, maximum: 10, exclusiveMaximum: true}",
                "api.yaml:14:33: error: a minimum of 10 and an exclusive maximum of 10 leave no number between them: no value can satisfy this schema (expected the minimum below the maximum) (at #/components/schemas/A/minimum)"
            ),
            (
                "3.1.0", "A: {type: number, exclusiveMinimum: 1.5, maximum: 1}",
                "api.yaml:14:41: error: an exclusive minimum of 1.5 and a maximum of 1 leave no number between them: no value can satisfy this schema (expected the minimum below the maximum) (at #/components/schemas/A/exclusiveMinimum)"
            ),
            (
                "3.1.0", "A: {type: array, items: {enum: []}, minItems: 1}",
                "api.yaml:14:36: error: an empty enum: no value can satisfy this schema (expected at least one value) (at #/components/schemas/A/items/enum)"
            ),
        ])
    func unsatisfiable(version: String, schemas: String, expected: String) {
        #expect(messages(load(Self.withSchemas(version, schemas))) == [expected])
    }

    @Test("every problem of a document is reported, in reading order")
    func collected() {
        let result = load(
            """
            openapi: 3.0.3
            info:
              version: 1.0
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  sumary: typo
                  parameters:
                    - name: other
                      in: path
                      schema: {type: string}
                    - name: q
                      in: body
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Missing'
                    abc:
                      description: bad
              /other:
                get:
                  operationId: getPet
                  responses:
                    default: {description: x}
            security:
              - api_key: []
            webhooks: {}
            """)
        #expect(
            messages(result) == [
                "api.yaml:2:1: error: the Info object is missing its required field 'title' (at #/info)",
                "api.yaml:3:12: warning: 'version' must be a string, found a number (1.0); quote it: '1.0' (at #/info/version)",
                "api.yaml:6:5: error: GET /pets/{id} declares no path parameter 'id': expected one for '{id}' in the path (at #/paths/~1pets~1{id}/get)",
                "api.yaml:8:7: warning: unknown field 'sumary' in the Operation object; did you mean 'summary'? (at #/paths/~1pets~1{id}/get/sumary)",
                "api.yaml:10:11: error: path parameter 'other' does not appear in the path '/pets/{id}': expected '{other}' in it (at #/paths/~1pets~1{id}/get/parameters/0)",
                "api.yaml:10:11: warning: path parameter 'other' should say 'required: true'; it is read as required, as a path parameter always is (at #/paths/~1pets~1{id}/get/parameters/0)",
                "api.yaml:14:15: error: 'in' must be one of query, header, path or cookie, found 'body' (at #/paths/~1pets~1{id}/get/parameters/1/in)",
                "api.yaml:21:23: error: cannot resolve '$ref: #/components/schemas/Missing': nothing exists at #/components/schemas/Missing in 'api.yaml' (at #/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/$ref)",
                "api.yaml:22:9: error: 'abc' is not a response status: expected a code from 100 to 599, a range such as '2XX', or 'default' (at #/paths/~1pets~1{id}/get/responses/abc)",
                "api.yaml:25:5: error: operationId 'getPet' is already used by GET /pets/{id} (at 6:5): expected each operationId once (at #/paths/~1other/get)",
                "api.yaml:30:5: error: security requirement names 'api_key', which is not in components.securitySchemes (none is defined) (at #/security/0)",
                "api.yaml:31:1: warning: 'webhooks' is an OpenAPI 3.1 field, but this document declares 3.0.3; it is ignored (at #/webhooks)",
            ])
        #expect(result.document != nil)
    }

    @Test("wrong types name the field, the expectation and what was found")
    func types() {
        let result = load(
            """
            openapi: 3.0.0
            info: {title: t, version: v}
            servers: {url: x}
            paths:
              /a:
                get:
                  deprecated: maybe
                  tags: [1]
                  responses: []
            """)
        #expect(
            messages(result) == [
                "api.yaml:3:10: error: 'servers' must be a sequence, found a mapping (at #/servers)",
                "api.yaml:7:19: error: 'deprecated' must be a boolean (true or false), found a string (at #/paths/~1a/get/deprecated)",
                "api.yaml:8:14: warning: 'tags[0]' must be a string, found an integer (1); quote it: '1' (at #/paths/~1a/get/tags/0)",
                "api.yaml:9:18: error: expected a Responses object (a mapping), found a sequence (at #/paths/~1a/get/responses)",
            ])
    }

    @Test("references that lead nowhere name the ref and where it was written")
    func references() {
        let result = load(
            """
            openapi: 3.0.0
            info: {title: t, version: v}
            paths:
              /a:
                parameters:
                  - $ref: '#/components/parameters/A'
                  - $ref: 'https://example.com/p.yaml'
                  - $ref: 'urn:example:p'
                  - $ref: '#bad/fragment'
                  - $ref: 'missing.yaml#/P'
                get:
                  responses:
                    '200': {$ref: 7}
            components:
              parameters:
                A: {$ref: '#/components/parameters/B'}
                B: {$ref: '#/components/parameters/A'}
              schemas:
                S: {$ref: '#/openapi'}
            """, path: "\(fixtures)/inline/api.yaml")
        let file = "\(fixtures)/inline/api.yaml"
        #expect(
            messages(result) == [
                "\(file):7:15: error: cannot resolve '$ref: https://example.com/p.yaml': 'https://example.com/p.yaml' is not fetched: remote references are off (--no-remote-refs) (at #/paths/~1a/parameters/1/$ref)",
                "\(file):8:15: error: cannot resolve '$ref: urn:example:p': only http(s) addresses are fetched; expected one, a relative file path or a fragment such as '#/components/schemas/Name' (at #/paths/~1a/parameters/2/$ref)",
                "\(file):9:15: error: cannot resolve '$ref: #bad/fragment': the fragment is neither a JSON pointer ('#/...') nor an anchor name (at #/paths/~1a/parameters/3/$ref)",
                "\(file):10:15: error: cannot resolve '$ref: missing.yaml#/P': cannot read '\(fixtures)/inline/missing.yaml': No such file or directory (at #/paths/~1a/parameters/4/$ref)",
                "\(file):13:23: error: '$ref' must be a string, found an integer (at #/paths/~1a/get/responses/200/$ref)",
                "\(file):16:15: error: '$ref: #/components/parameters/B' leads back to itself: expected a chain of references that ends at a Parameter object (at #/components/parameters/A/$ref)",
                "\(file):17:15: error: '$ref: #/components/parameters/A' leads back to itself: expected a chain of references that ends at a Parameter object (at #/components/parameters/B/$ref)",
                "\(file):19:15: error: '$ref: #/openapi' leads to a string at \(file):1:10: expected a schema (at #/components/schemas/S/$ref)",
            ])
    }

    @Test("YAML problems come through with their place")
    func yamlProblems() {
        #expect(
            messages(load("openapi: 3.0.0\ninfo: {title: t, version: v}\ninfo: {}\npaths: {}\n")) == [
                "api.yaml:3:1: error: duplicate key 'info' in this mapping: expected each key once (first defined at 2:1)"
            ])
        let unreadable = OpenAPILoader().load(file: "\(fixtures)/no-such-file.yaml")
        #expect(messages(unreadable) == ["error: cannot read '\(fixtures)/no-such-file.yaml': No such file or directory"])
    }
}
