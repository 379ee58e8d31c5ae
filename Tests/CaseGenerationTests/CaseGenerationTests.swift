import BusinessRules
import CaseGeneration
import Foundation
import OpenAPIModel
import SchemaValidation
import TestSupport
import Testing
import YAMLSource

@Suite("Case generation")
struct CaseGenerationTests {
    static let corpus = [
        "api-with-examples", "callback-example", "link-example", "pb-shipping-api", "petstore-expanded", "petstore", "uspto",
        "petstore3", "twilio_api_v2010", "openai",
    ]

    static func cases(_ path: String, rules: String? = nil, kinds: Set<CaseKind> = Set(CaseKind.generated)) throws -> (OpenAPIDocument, [TestCase]) {
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
        // One compiled body schema per operation: compiling is the slow part.
        var schemas: [String: (SchemaValidator, Bool)?] = [:]
        for testCase in cases where testCase.kind == .positive || testCase.kind == .negative || testCase.kind == .explore {
            let mustBeValid = testCase.kind == .positive || testCase.focus?.validity == .valid
            if testCase.kind == .explore, testCase.focus?.validity == .either { continue }
            guard case .request(let request, _, _)? = testCase.steps.first, let body = request.body, !body.isEmpty,
                let contentType = request.headers.first(where: { $0.name == "Content-Type" })?.value, !contentType.hasPrefix("text/"),
                let (validator, isForm) = schemas[testCase.operationId]
                    ?? {
                        let schema = Self.bodySchema(document, testCase.operationId)
                        schemas[testCase.operationId] = schema
                        return schema
                    }()
            else { continue }
            let text = String(decoding: body, as: UTF8.self)
            let decoded: JSONValue? =
                if isForm {
                    FormEncoding.decode(text, shape: validator.shape)
                } else if MediaTypeName.essence(contentType) == MultipartEncoding.mediaType {
                    MultipartEncoding.decode(body, contentType: contentType, shape: validator.shape)
                } else {
                    try? JSONParser().parse(body)
                }
            guard let value = decoded else {
                #expect(testCase.name == "malformed JSON is refused", "\(testCase.operationId): \(testCase.name)")
                continue
            }
            let valid = validator.isValid(value, direction: .request)
            #expect(valid == mustBeValid, "\(testCase.operationId): \(testCase.name): \(text)")
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
        #expect(Set(cases.map(\.kind)) == Set(CaseKind.generated).subtracting([.sequence]), "no resource paths: no sequences")
        let names = Set(cases.map { "\($0.kind.rawValue): \($0.name)" })
        for name in [
            "positive: expirationDays at its maximum 365 is accepted", "negative: partnerEmailId missing (required) is refused",
            "auth: an invalid bearer token gets 401", "method: GET /api/v1/invitation (not declared) is refused",
            "rules: 5 creates for one partnerEmailId sent at once: exactly one succeeds, the others get 409",
            "explore: partnerEmailId (capital letters) is accepted", "explore: expirationDays 13.5 (not a whole number) is refused",
            "explore: partnerEmailId (emoji as surrogate-pair escapes (RFC 6531)) is accepted or refused, never a server error",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        var addresses: [String: String] = [:]
        for testCase in cases where testCase.kind != .rules {
            guard case .request(let request, _, _)? = testCase.steps.first,
                case .string(let address)? = request.json?["partnerEmailId"], address.lowercased().contains("ct-t-")
            else { continue }
            #expect(addresses[address] == nil, "\(address) is used by '\(addresses[address] ?? "")' and '\(testCase.name)'")
            addresses[address] = testCase.name
        }
    }

    @Test("no-op filters: kinds and operations")
    func filters() throws {
        let (_, cases) = try Self.cases(RepositoryPaths.fixtures + "/specs-corpus/petstore.yaml", kinds: [.method])
        #expect(
            cases.map(\.name) == [
                "PUT /pets (not declared) is refused", "PATCH /pets (not declared) is refused", "DELETE /pets (not declared) is refused",
                "TRACE /pets (not declared) is refused, never echoed",
                "PUT /pets/{petId} (not declared) is refused", "PATCH /pets/{petId} (not declared) is refused",
                "DELETE /pets/{petId} (not declared) is refused", "TRACE /pets/{petId} (not declared) is refused, never echoed",
            ])
    }

    /// Every value class of the contract's members, by member: what every run sends.
    static let contractClasses: Set<String> = Set(
        [
            "-(2^53 + 1)", "2^53 + 1, beyond a double's exact integers", "a boolean", "a number as a string",
            "a small fraction above a whole number", "an array", "an object", "below int32", "below int64", "beyond a double's range",
            "inside the bounds", "int32 maximum", "int32 minimum", "int32 overflow", "int64 overflow", "near a double's largest",
            "near a double's lowest", "negative", "not a whole number", "not a whole number, with an exponent", "null", "uint32 overflow",
        ].map { "/expirationDays: \($0)" }
            + [
                "254 characters, the longest address RFC 5321 allows", "255 characters (beyond RFC 5321's 254)",
                "CJK characters before the @ (RFC 6531)", "a 63-character domain label", "a 64-character local part, the longest RFC 5321 allows",
                "a 65-character local part (beyond RFC 5321's 64)", "a boolean", "a comma inside", "a display name around it", "a dot after the @",
                "a dot before the @ (WHATWG allows it, RFC 5321 and 5322 do not)", "a leading dot (WHATWG allows it, RFC 5321 and 5322 do not)",
                "a number", "a space inside", "a subdomain", "accented letters before the @ (RFC 6531)", "an apostrophe", "an array",
                "an empty domain label", "an internationalized domain (RFC 6531)", "an object", "an unclosed quote", "capital letters",
                "digits only before the @", "dots in the local part", "emoji as surrogate-pair escapes (RFC 6531)",
                "every special character the grammars allow", "no @", "nothing after the @", "nothing before the @", "null",
                "plus tag (local+tag@domain)", "two @", "underscores",
            ].map { "/partnerEmailId: \($0)" })

    @Test("exploration: every value class at every seed, the seed picks values and order, --examples adds random bodies, ids outlive the run tag")
    func exploration() throws {
        let document = try #require(OpenAPILoader().load(file: RepositoryPaths.contract).document)
        let rules = try #require(BusinessRules.load(file: RepositoryPaths.contractRules, document: document).rules)
        func explore(seed: UInt64 = 1, tag: String = "t", examples: Int = CaseOptions.defaultExamples) -> [TestCase] {
            var generator = CaseGenerator(
                document: document, rules: rules,
                options: CaseOptions(
                    seed: seed, runTag: tag, kinds: [.explore], examples: examples))
            return generator.cases()
        }
        func classes(_ cases: [TestCase]) -> Set<String> {
            Set(cases.compactMap { $0.focus.flatMap { $0.isRandom ? nil : "\($0.member): \($0.valueClass)" } })
        }
        func random(_ cases: [TestCase]) -> [String] { cases.filter { $0.focus?.isRandom == true }.map(\.name).sorted() }
        let cases = explore()
        for seed in 1...10 as ClosedRange<UInt64> {
            #expect(classes(explore(seed: seed)) == Self.contractClasses, "seed \(seed)")
        }
        #expect(
            random(cases) == (1...CaseOptions.defaultExamples).map { "a body (random valid values in every member, #\($0)) is accepted" }.sorted())
        #expect(random(explore(examples: 0)) == [])
        #expect(classes(explore(examples: 0)) == Self.contractClasses, "--examples 0 keeps the classes")
        #expect(random(explore(examples: 3)) == (1...3).map { "a body (random valid values in every member, #\($0)) is accepted" }.sorted())
        #expect(explore(tag: "other").map(\.id) == cases.map(\.id), "ids do not depend on the run tag")
        let second = explore(seed: 2)
        #expect(Set(second.map(\.name)) != Set(cases.map(\.name)), "the seed picks the values inside the bounds")
        #expect(second.map(\.focus?.valueClass) != cases.map(\.focus?.valueClass), "the seed picks the order")
        let emoji = try #require(cases.first { $0.name.contains("emoji as surrogate-pair escapes") })
        guard case .request(let request, let expectation, _)? = emoji.steps.first else {
            Issue.record("no request")
            return
        }
        #expect(String(decoding: request.body ?? [], as: UTF8.self).contains(#"-\ud83d\ude00@example.com"#))
        #expect(expectation == .eitherOutcome)
        var replay = CaseGenerator(
            document: document, rules: rules, options: CaseOptions(runTag: "later", kinds: Set(CaseKind.generated), caseIds: [emoji.id]))
        #expect(replay.cases().map(\.name) == [emoji.name])
    }

    @Test("shrinking: smaller variants keep the case's validity and name new resources")
    func shrinking() throws {
        let document = try #require(OpenAPILoader().load(file: RepositoryPaths.contract).document)
        let rules = try #require(BusinessRules.load(file: RepositoryPaths.contractRules, document: document).rules)
        let options = CaseOptions(runTag: "t", kinds: [.explore])
        var generator = CaseGenerator(document: document, rules: rules, options: options)
        let cases = generator.cases()
        let shrinker = Shrinker(document: document, rules: rules, options: options)
        let huge = try #require(cases.first { $0.name == "expirationDays 1e308 (near a double's largest) is refused" })
        let smaller = shrinker.candidates(for: huge).compactMap { candidate -> String? in
            guard case .request(let request, _, _)? = candidate.steps.first else { return nil }
            return request.json?["expirationDays"]?.jsonText
        }
        #expect(smaller == ["10.5", "366", "2147483647", "2147483648", "4294967296", "9007199254740992", "9223372036854775808", "5e+307"])
        let mixed = try #require(cases.first { $0.name == "a body (random valid values in every member, #1) is accepted" })
        guard case .request(let original, _, _)? = mixed.steps.first else {
            Issue.record("no request")
            return
        }
        let shrunk = shrinker.candidates(for: mixed).compactMap { candidate -> JSONValue? in
            guard case .request(let request, _, _)? = candidate.steps.first else { return nil }
            return request.json
        }
        let address = try #require(original.json?["partnerEmailId"]?.stringValue)
        let token = try #require(mixed.focus?.token)
        #expect(shrunk.map { $0["expirationDays"]?.jsonText } == ["10", "11"])
        let addresses = shrunk.compactMap { $0["partnerEmailId"]?.stringValue }
        #expect(Set(addresses).count == addresses.count, "every attempt names a new invitation")
        // The same form of address around a new name (shrinking's own tag, `ts`), written as
        // the original writes its name (dots or underscores for hyphens, say).
        let forms = [token, token.replacingOccurrences(of: "-", with: "."), token.replacingOccurrences(of: "-", with: "_")]
        let form = try #require(forms.first { address.contains($0) })
        #expect(addresses.count == 2)
        for (attempt, shrunkAddress) in addresses.enumerated() {
            let name = try #require(shrunkAddress.firstMatch(of: /ct[-._]ts[-._]\d+/)).output
            #expect(shrunkAddress.replacingOccurrences(of: String(name), with: form) == address, "attempt \(attempt + 1)")
        }
    }
}

@Suite("Exploration of nested members")
struct NestedExplorationTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: Orders, version: "1"}
        paths:
          /orders:
            post:
              operationId: createOrder
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [customer, lines]
                      properties:
                        customer:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string, maxLength: 40}
                            born: {type: string, format: date}
                        lines:
                          type: array
                          minItems: 1
                          maxItems: 5
                          items:
                            type: object
                            required: [quantity]
                            properties:
                              quantity: {type: integer, format: int32, minimum: 1}
                        express: {type: boolean}
              responses:
                '201': {description: created}
                '400': {description: refused}
        """

    @Test("members of objects and of array items get value classes of their own, each confirmed by the validator")
    func nested() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orders-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.spec.write(toFile: path, atomically: true, encoding: .utf8)
        let document = try #require(OpenAPILoader().load(file: path).document)
        var generator = CaseGenerator(document: document, rules: .none, options: CaseOptions(runTag: "t", kinds: [.explore], examples: 1000))
        let cases = generator.cases()
        let names = Set(cases.map(\.name))
        for name in [
            "customer/name (CJK characters) is accepted", "customer/name (far above maxLength 40 (1040 characters)) is refused",
            "customer/born \"2023-02-29\" (February 29 of a common year) is refused", "customer/born \"2024-02-29\" (a leap day) is accepted",
            "customer/name (a required nested member missing) is refused", "lines (maxItems 5 + 1 items) is refused",
            "lines (minItems 1 - 1 items) is refused", "lines/0/quantity 2147483648 (int32 overflow) is refused",
            "lines/0/quantity 2147483647 (int32 maximum) is accepted", "lines/0/quantity 743.5 (not a whole number) is refused",
            "express \"true\" (a boolean as a string) is refused", "customer \"text\" (a string for an object) is refused",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        let (validator, _) = try #require(CaseGenerationTests.bodySchema(document, "createOrder"))
        for testCase in cases where testCase.focus?.validity != .either {
            guard case .request(let request, _, _)? = testCase.steps.first, let body = request.json else { continue }
            #expect(validator.isValid(body, direction: .request) == (testCase.focus?.validity == .valid), "\(testCase.name)")
        }
    }
}
