import SchemaValidation
import Testing

/// `readOnly` and `writeOnly` members, marked on the member's schema or on the schema it
/// references, are known one way: as the object's `properties` compiled them. Validation,
/// synthesis and the schema's outline all read that.
@Suite("readOnly and writeOnly members, for validation, synthesis and outlines")
struct DirectionOnlyTests {
    static let document = """
        openapi: 3.0.3
        info: {title: Accounts, version: '1'}
        paths: {}
        components:
          schemas:
            Id:
              type: string
              readOnly: true
            Account:
              type: object
              required: [id, password, name]
              properties:
                id: {$ref: '#/components/schemas/Id'}
                password: {type: string, writeOnly: true, minLength: 8}
                name: {type: string}
        """

    @Test("a request leaves out readOnly members and a response writeOnly ones, through $ref too")
    func synthesis() throws {
        let account = componentValidator(Self.document, "Account")
        var synthesizer = ValueSynthesizer(seed: 7)
        let madeRequest = synthesizer.value(for: account, direction: .request)
        let madeResponse = synthesizer.value(for: account, direction: .response)
        let request = try #require(madeRequest)
        let response = try #require(madeResponse)
        #expect(request.objectValue?.keys == ["password", "name"])
        #expect(response.objectValue?.keys == ["id", "name"])
        #expect(account.isValid(request, direction: .request))
        #expect(account.isValid(response, direction: .response))
    }

    @Test("the outline names the readOnly and writeOnly members")
    func outline() {
        let shape = componentValidator(Self.document, "Account").shape
        #expect(shape.readOnlyMembers == ["id"])
        #expect(shape.writeOnlyMembers == ["password"])
    }

    @Test("validation refuses a readOnly member sent, also when marked through $ref")
    func validation() {
        let account = componentValidator(Self.document, "Account")
        #expect(
            errors(account, #"{"id": "a1", "password": "long enough", "name": "Ann"}"#, direction: .request) == [
                "#/id: properties: 'id' is readOnly: expected it not to be sent in a request (schema #/components/schemas/Account/properties at api.yaml:12:7)"
            ])
    }
}
