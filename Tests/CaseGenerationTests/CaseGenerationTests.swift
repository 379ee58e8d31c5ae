import BusinessRules
import CaseGeneration
import OpenAPIModel
import SchemaValidation
import TestSupport
import Testing
import YAMLSource

@Suite("Case generation")
struct CaseGenerationTests {
    static let corpus = ["api-with-examples", "callback-example", "link-example", "pb-shipping-api", "petstore-expanded", "petstore", "uspto"]

    static func cases(_ path: String, rules: String? = nil, kinds: Set<CaseKind> = Set(CaseKind.allCases)) throws -> (OpenAPIDocument, [TestCase]) {
        let document = try #require(OpenAPILoader().load(file: path).document)
        let businessRules = rules.flatMap { BusinessRules.load(file: $0, document: document).rules } ?? .none
        var generator = CaseGenerator(document: document, rules: businessRules, options: CaseOptions(runTag: "t", kinds: kinds))
        return (document, generator.cases())
    }

    /// The request body schema of an operation and whether its body is a form.
    static func bodySchema(_ document: OpenAPIDocument, _ operationId: String) -> (SchemaValidator, Bool)? {
        guard let entry = document.operations.first(where: { $0.id == operationId }),
              let content = entry.operation.requestBody?.jsonContent, let schema = content.content.schema
        else { return nil }
        return (SchemaCompiler(document: document).validator(for: schema), MediaTypeName.essence(content.mediaType) == FormEncoding.mediaType)
    }

    @Test("positive bodies are valid and negative ones invalid, as they travel, for every corpus document", arguments: corpus)
    func consistency(name: String) throws {
        let (document, cases) = try Self.cases(RepositoryPaths.fixtures + "/specs-corpus/\(name).yaml")
        #expect(!cases.isEmpty)
        var checked = 0
        for testCase in cases where testCase.kind == .positive || testCase.kind == .negative {
            guard case .request(let request, _, _)? = testCase.steps.first, let body = request.body, !body.isEmpty,
                  request.headers.contains(where: { $0.name == "Content-Type" && !$0.value.hasPrefix("text/") }),
                  let (validator, isForm) = Self.bodySchema(document, testCase.operationId)
            else { continue }
            let text = String(decoding: body, as: UTF8.self)
            guard let value = isForm ? FormEncoding.decode(text, shape: validator.shape) : try? JSONParser().parse(body) else {
                #expect(testCase.name == "malformed JSON is refused", "\(testCase.operationId): \(testCase.name)")
                continue
            }
            let valid = validator.isValid(value, direction: .request)
            #expect(valid == (testCase.kind == .positive), "\(testCase.operationId): \(testCase.name): \(text)")
            checked += 1
        }
        let hasBodies = document.operations.contains { $0.operation.requestBody != nil }
        #expect((checked > 0) == hasBodies)
    }

    @Test("names are unique within each operation", arguments: corpus)
    func uniqueNames(name: String) throws {
        let (_, cases) = try Self.cases(RepositoryPaths.fixtures + "/specs-corpus/\(name).yaml")
        let keys = cases.map { "\($0.operationId) \($0.kind.rawValue): \($0.name)" }
        #expect(Set(keys).count == keys.count)
    }

    @Test("the partner API's cases: each kind, addresses unique per case")
    func partnerCases() throws {
        let (_, cases) = try Self.cases(RepositoryPaths.contract, rules: RepositoryPaths.contractRules)
        let kinds = Dictionary(grouping: cases, by: \.kind).mapValues(\.count)
        #expect(kinds == [.positive: 5, .negative: 13, .auth: 4, .method: 4, .rules: 5])
        var addresses: [String: String] = [:]
        for testCase in cases where testCase.kind != .rules {
            guard case .request(let request, _, _)? = testCase.steps.first,
                  case .string(let address)? = request.json?["partnerEmailId"], address.hasPrefix("ct-t-") else { continue }
            #expect(addresses[address] == nil, "\(address) is used by '\(addresses[address] ?? "")' and '\(testCase.name)'")
            addresses[address] = testCase.name
        }
        #expect(addresses.count == 16)
    }

    @Test("no-op filters: kinds and operations")
    func filters() throws {
        let (_, cases) = try Self.cases(RepositoryPaths.fixtures + "/specs-corpus/petstore.yaml", kinds: [.method])
        #expect(cases.map(\.name) == [
            "PUT /pets (not declared) gets 405", "PATCH /pets (not declared) gets 405", "DELETE /pets (not declared) gets 405",
            "PUT /pets/{petId} (not declared) gets 405", "PATCH /pets/{petId} (not declared) gets 405",
            "DELETE /pets/{petId} (not declared) gets 405",
        ])
    }
}
