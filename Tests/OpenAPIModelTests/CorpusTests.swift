import OpenAPIModel
import OrderedCollections
import Testing

@Suite("Real OpenAPI documents load without a problem")
struct CorpusTests {
    @Test(
        "each corpus document",
        arguments: [
            ("api-with-examples.yaml", 2, 0),
            ("callback-example.yaml", 1, 0),
            ("link-example.yaml", 6, 3),
            ("pb-shipping-api.yaml", 50, 343),
            ("petstore-expanded.yaml", 4, 3),
            ("petstore.yaml", 3, 3),
            ("uspto.yaml", 3, 1),
        ])
    func corpus(file: String, operations: Int, schemas: Int) throws {
        let result = OpenAPILoader().load(file: "\(fixtures)/specs-corpus/\(file)")
        #expect(messages(result) == [])
        let document = try #require(result.document)
        #expect(document.operations.count == operations)
        #expect(document.components.schemas.count == schemas)
    }

    @Test("the vendor's Shipping API: servers, security and a referenced response")
    func shipping() throws {
        let document = try #require(OpenAPILoader().load(file: "\(fixtures)/specs-corpus/pb-shipping-api.yaml").document)
        #expect(document.paths.count == 43)
        #expect(document.servers.map(\.description) == ["Sandbox Server", "Production Server (uses live data)"])
        #expect(document.components.securitySchemes["bearerAuth"]?.isBearer == true)
        let rates = try #require(document.operation(id: "getRates"))
        #expect(rates.method == "POST")
        #expect(rates.operation.responses.byStatus.keys.contains("200"))
    }

    @Test("callbacks and links are decoded")
    func callbacksAndLinks() throws {
        let callbacks = try #require(OpenAPILoader().load(file: "\(fixtures)/specs-corpus/callback-example.yaml").document)
        let streams = try #require(callbacks.operations.first)
        let callback = try #require(streams.operation.callbacks["onData"])
        #expect(callback.pathItems.keys.first == "{$request.query.callbackUrl}/data")
        #expect(callback.pathItems.values.first?.operations.keys.elements == ["POST"])

        let links = try #require(OpenAPILoader().load(file: "\(fixtures)/specs-corpus/link-example.yaml").document)
        let user = try #require(links.operation(id: "getUserByName"))
        let link = try #require(user.operation.responses.byStatus["200"]?.links["userRepositories"])
        #expect(link.reference?.ref == "#/components/links/UserRepositories")
        #expect(link.operationId == "getRepositoriesByOwner")
    }
}
