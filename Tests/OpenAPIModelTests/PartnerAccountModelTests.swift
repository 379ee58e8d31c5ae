import OpenAPIModel
import OrderedCollections
import Testing
import YAMLSource

@Suite("The contract: specs/partneraccount.yaml")
struct PartnerAccountModelTests {
    let path = repositoryRoot + "/specs/partneraccount.yaml"

    func document() throws -> OpenAPIDocument {
        let result = OpenAPILoader().load(file: path)
        #expect(messages(result) == [])
        return try #require(result.document)
    }

    /// The 1-based line of the first line of the spec that equals `text`.
    func line(of text: String) throws -> Int {
        let source = try #require(OpenAPILoader().load(file: path).sourceMap.files.values.first?.source)
        let lines = String(decoding: source.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0 == text }) + 1
    }

    @Test("document facts")
    func facts() throws {
        let document = try document()
        #expect(document.version == OpenAPIVersion(major: 3, minor: 0, patch: 3))
        #expect(document.schemaDialect == .openAPI30)
        #expect(document.info.title == "Developer Partner APIs")
        #expect(document.info.version == "1.0.0")
        #expect(
            document.servers.map(\.url) == [
                "https://api-sandbox.sendpro360.pitneybowes.com/developerprofile",
                "https://api.sendpro360.pitneybowes.com/developerprofile",
            ])
        #expect(document.servers.map(\.description) == ["Sandbox Server", "Production Server (uses live data)"])
        #expect(document.components.securitySchemes["bearerAuth"]?.isBearer == true)
        #expect(document.security.map { Array($0.schemes.keys) } == [["bearerAuth"]])
        #expect(document.tags.map(\.name) == ["Invitation"])
    }

    @Test("the operation, its body and its responses")
    func operation() throws {
        let document = try document()
        #expect(document.operations.map(\.id) == ["createPartnerInvitation"])
        let entry = try #require(document.operation(id: "createPartnerInvitation"))
        #expect(entry.method == "POST")
        #expect(entry.path == "/api/v1/invitation")
        #expect(entry.operation.summary == "Create Merchant onboarding Invitation")
        #expect(entry.security.flatMap(\.schemes.keys) == ["bearerAuth"])

        let body = try #require(entry.operation.requestBody)
        #expect(body.required)
        let media = try #require(body.content["application/json"])
        #expect(media.example?["partnerEmailId"]?.string == "NS05_merchant@yopmail.com")
        #expect(media.example?["expirationDays"]?.scalar?.int == 10)
        let request = try #require(media.schema.flatMap(document.resolve))
        #expect(request.location.pointer.description == "/components/schemas/CreateInvitationRequest")
        #expect(request.node["required"]?.sequence?.compactMap(\.string) == ["partnerEmailId", "expirationDays"])
        #expect(request.node["properties"]?["expirationDays"]?["maximum"]?.scalar?.int == 365)

        let responses = entry.operation.responses
        #expect(responses.byStatus.keys.elements == ["200", "400", "401", "409", "500"])
        #expect(
            responses.byStatus.values.map { $0.description ?? "" }.dropFirst() == [
                "Invalid or Bad Request", "Unauthorized Error", "Invitation already exists for this emailId.",
                "Internal Server Error",
            ])
        let conflict = try #require(responses.response(for: 409))
        #expect(conflict.reference?.ref == "#/components/responses/InvitationExists")
        #expect(responses.response(for: 404) == nil)
        #expect(conflict.headers["X-PB-TransactionId"]?.required == false)
    }

    @Test("the success example carries the vendor's timestamps and a null id")
    func successExample() throws {
        let document = try document()
        let success = try #require(document.operation(id: "createPartnerInvitation")?.operation.responses.response(for: 200))
        let example = try #require(success.content["application/json"]?.example)
        #expect(example["insertTimestamp"]?.string == "2024-09-15T12:40:24.256521003Z")
        #expect(example["updateTimestamp"]?.string == "0001-01-01T00:00:00Z")
        #expect(example["provisioningRequestID"]?.scalar?.kind == .null)
        #expect(example["archived"]?.scalar?.bool == false)
        let invitation = try #require(document.components.schemas["Invitation"])
        #expect(invitation.node["properties"]?["provisioningRequestID"]?["nullable"]?.scalar?.bool == true)
        #expect(invitation.node["required"]?.sequence?.count == 11)
    }

    @Test("assumed facts say so")
    func assumptions() throws {
        let document = try document()
        let schemas = document.components.schemas
        for description in [
            document.operation(id: "createPartnerInvitation")?.operation.responses.byStatus["200"]?.description,
            schemas["CreateInvitationRequest"]?.node["properties"]?["expirationDays"]?["description"]?.string,
            schemas["ErrorResponse"]?.node["description"]?.string,
            schemas["UnauthorizedError"]?.node["description"]?.string,
        ] {
            #expect(description?.contains("Assumed") == true)
        }
    }

    @Test("the source map leads from a pointer to its line")
    func sourceMap() throws {
        let document = try document()
        let entry = try #require(document.operation(id: "createPartnerInvitation"))
        #expect(entry.operation.location.mark.line == (try line(of: "    post:")))
        #expect(entry.operation.location.pointer.description == "/paths/~1api~1v1~1invitation/post")
        let mark = try #require(
            document.sourceMap.mark(
                at: JSONPointer(tokens: ["components", "schemas", "CreateInvitationRequest"]), in: path))
        // The value's mapping starts on the line after its key.
        #expect(mark.line == (try line(of: "    CreateInvitationRequest:")) + 1)
        #expect(mark.file == path)
    }
}
