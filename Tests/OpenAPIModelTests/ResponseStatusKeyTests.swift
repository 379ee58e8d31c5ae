import OpenAPIModel
import OrderedCollections
import Testing

@Suite("Which response documents a status")
struct ResponseStatusKeyTests {
    /// A document whose one operation has these responses, written one per line.
    func document(responses: [String]) -> LoadResult {
        load(
            """
            openapi: 3.0.3
            info: {title: t, version: v}
            paths:
              /a:
                get:
                  responses:

            """ + responses.map { "        \($0)\n" }.joined())
    }

    @Test(
        "the exact code, else its class, else default",
        arguments: [
            (["200", "4XX", "404", "default"], 404, "404"),
            (["200", "4XX", "404", "default"], 409, "4XX"),
            (["200", "4XX", "404", "default"], 503, "default"),
            (["200", "4XX"], 503, nil),
            (["2XX"], 204, "2XX"),
            (["default"], 200, "default"),
        ] as [([String], Int, String?)])
    func precedence(keys: [String], status: Int, expected: String?) {
        #expect(Responses.documentingKey(for: status, where: keys.contains) == expected)
    }

    @Test("the model's responses ask the same function")
    func model() throws {
        let result = document(responses: ["'200': {description: ok}", "4XX: {description: client}", "default: {description: other}"])
        #expect(messages(result) == [])
        let responses = try #require(result.document?.paths["/a"]?.operations["GET"]?.responses)
        #expect(responses.documentingKey(for: 200) == "200")
        #expect(responses.documentingKey(for: 422) == "4XX")
        #expect(responses.response(for: 422)?.description == "client")
        #expect(responses.documentingKey(for: 500) == "default")
    }

    @Test("a class is named with an upper-case X only; the lower case is refused with the fix")
    func lowerCase() {
        let result = document(responses: ["'200': {description: ok}", "4xx: {description: client}"])
        #expect(
            messages(result) == [
                "api.yaml:8:9: error: '4xx' is not a response status: OpenAPI names a class of statuses with an upper-case X only; write '4XX' (at #/paths/~1a/get/responses/4xx)"
            ])
    }

    @Test(
        "a class or default answers with the status asked for; a code with its own",
        arguments: [
            ("404", false, 404), ("4XX", true, 400), ("2XX", true, 200), ("default", true, 500),
        ])
    func shared(key: String, isShared: Bool, representative: Int) {
        #expect(Responses.isShared(key) == isShared)
        #expect(Responses.representativeStatus(of: key) == representative)
    }
}
