import BusinessRules
import CaseGeneration
import Foundation
import OpenAPIModel
import SchemaValidation
import TestSupport
import Testing
import YAMLSource

/// Every exploration and negative value is what its class claims under every reading it names: a
/// valid value is valid under all of them, an invalid one under none, and one whose validity
/// differs between readings is only asked not to break the server. Proven by readings written
/// independently of the validator (`EmailReading`, `DateTimeReading`, `IntegerReading`,
/// `MemberKind`), for the members of every kind, in both dialects.
@Suite("Exploration: every value holds its claim under every reading")
struct ClaimTests {
    static let members: [(String, MemberKind)] = [
        ("email", .email), ("when", .dateTime), ("day", .date), ("id", .uuid),
        ("count", .integer(minimum: 1, maximum: 365, format: "int32")), ("free", .integer(minimum: nil, maximum: nil, format: nil)),
        ("small", .integer(minimum: nil, maximum: nil, format: "int32")), ("big", .integer(minimum: nil, maximum: nil, format: "int64")),
        ("positive", .integer(minimum: 0, maximum: nil, format: nil)),
        ("ratio", .number(minimum: 0, maximum: 1)), ("amount", .number(minimum: nil, maximum: nil)), ("name", .string(maxLength: 40)),
        ("note", .string(maxLength: nil)),
        ("color", .enumeration(["red", "green"])), ("flag", .boolean),
        ("tags", .array(items: .string(maxLength: nil), maxItems: 5, unique: true)),
        (
            "owner",
            .object(
                required: ["contact"], properties: [("contact", .email), ("since", .date), ("level", .integer(minimum: 1, maximum: 9, format: nil))])
        ),
    ]
    static let body = MemberKind.object(required: ["email", "count"], properties: members)

    static func document(_ version: String) -> String {
        """
        openapi: \(version)
        info: {title: Claims, version: "1"}
        paths:
          /things:
            post:
              operationId: createThing
              requestBody:
                required: true
                content:
                  application/json:
                    schema: \(body.yaml)
              responses:
                '200': {description: created}
                '400': {description: refused}
        """
    }

    /// The contract's request body, as the readings see it.
    static let contractBody = MemberKind.object(
        required: ["partnerEmailId", "expirationDays"],
        properties: [
            ("partnerEmailId", .email), ("expirationDays", .integer(minimum: 1, maximum: 365, format: "int32")),
        ])

    /// Where a pointer leads among the members, with the kind of the object holding it.
    static func kind(at pointer: JSONPointer, in body: MemberKind) -> (kind: MemberKind, parent: MemberKind)? {
        var current = body
        var parent = body
        for token in pointer.tokens {
            switch current {
            case .object(_, let properties):
                guard let next = properties.first(where: { $0.0 == token })?.1 else { return nil }
                parent = current
                current = next
            case .array(let items, _, _):
                parent = current
                current = items
            default:
                return nil
            }
        }
        return (current, parent)
    }

    /// Each case whose value breaks its claim, in words.
    static func brokenClaims(_ text: String, body: MemberKind, rules: String? = nil, seed: UInt64) throws -> [String] {
        let loaded = OpenAPILoader().load(SourceFile(path: "claims.yaml", text: text))
        #expect(loaded.diagnostics == [])
        let document = try #require(loaded.document)
        let businessRules = rules.flatMap { BusinessRules.load(file: $0, document: document).rules } ?? .none
        var generator = CaseGenerator(
            document: document, rules: businessRules, options: CaseOptions(seed: seed, runTag: "c", kinds: [.explore, .negative]))
        let cases = generator.cases()
        var broken: [String] = []
        for testCase in cases where testCase.focus != nil || testCase.kind == .explore {
            guard let focus = testCase.focus, case .request(let request, _, _)? = testCase.steps.first, let sent = request.json else {
                broken.append("\(testCase.name): no JSON body")
                continue
            }
            let pointer = JSONPointer(tokens: JSONPointer(focus.member)?.tokens ?? [])
            // Every other member is valid under every reading: the case changes one thing.
            let whole = body.readings.allSatisfy { body.accepts(sent, reading: $0) }
            guard let (kind, parent) = kind(at: pointer, in: body) else {
                broken.append("\(testCase.name): no member at \(focus.member)")
                continue
            }
            let verdicts: [(String, Bool)]
            if let value = sent.value(at: pointer) {
                verdicts = kind.readings.map { ($0, kind.accepts(value, reading: $0)) }
            } else if let container = pointer.parent.flatMap({ sent.value(at: $0) }) {
                // A member left out: its object is judged without it.
                verdicts = parent.readings.map { ($0, parent.accepts(container, reading: $0)) }
            } else {
                broken.append("\(testCase.name): nothing at \(focus.member) or its parent")
                continue
            }
            let accepting = verdicts.filter(\.1).map(\.0)
            let refusing = verdicts.filter { !$0.1 }.map(\.0)
            switch focus.validity {
            case .valid where !refusing.isEmpty || !whole:
                broken.append("\(testCase.name): claimed valid, refused by \(refusing.isEmpty ? "another member" : refusing.joined(separator: ", "))")
            case .invalid where !accepting.isEmpty:
                broken.append("\(testCase.name): claimed invalid, accepted by \(accepting.joined(separator: ", "))")
            case .either where accepting.isEmpty || refusing.isEmpty:
                broken.append("\(testCase.name): claimed to depend on the reading, but every reading \(accepting.isEmpty ? "refuses" : "accepts") it")
            default:
                break
            }
        }
        return broken
    }

    @Test("in OpenAPI 3.0 and 3.1 documents, at several seeds", arguments: ["3.0.3", "3.1.0"], [1, 2, 3] as [UInt64])
    func claims(version: String, seed: UInt64) throws {
        let broken = try Self.brokenClaims(Self.document(version), body: Self.body, seed: seed)
        #expect(broken == [], "\(broken.joined(separator: "\n"))")
    }

    @Test("in the contract, at several seeds", arguments: [1, 2, 3] as [UInt64])
    func contract(seed: UInt64) throws {
        let text = try String(contentsOfFile: RepositoryPaths.contract, encoding: .utf8)
        let broken = try Self.brokenClaims(text, body: Self.contractBody, rules: RepositoryPaths.contractRules, seed: seed)
        #expect(broken == [], "\(broken.joined(separator: "\n"))")
    }
}
