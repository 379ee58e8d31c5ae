import BusinessRules
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension OperationContext {
    /// Valid requests: each documented example, synthesized bodies, and each member at its
    /// boundaries (minimum, maximum, lengths, every enum value).
    mutating func positiveCases(_ generator: inout CaseGenerator) -> [TestCase] {
        var cases: [TestCase] = []
        func add(_ name: String, _ body: JSONValue?, at location: SpecLocation? = nil, expect: Expectation? = nil) {
            if bodyValidator != nil {
                // A body the synthesizer could not make valid gives no case, never a wrong one.
                guard let body, accepts(body) else { return }
            }
            cases.append(
                TestCase(
                    operationId: entry.id, kind: .positive, name: name,
                    steps: [.request(request(body: body), expect: expect ?? accepted, checkRules: true)],
                    specLocation: location ?? self.location))
        }
        guard bodyValidator != nil else {
            add("a request with the required parameters is accepted", nil)
            return cases
        }
        for (name, example) in entry.operation.requestBody?.jsonContent?.content.allExamples ?? [] {
            let value = freshBody(JSONValue(example), &generator)
            add(
                "documented example '\(name)' (with a fresh address) is accepted", value,
                at: SpecLocation(kind: .object, file: example.mark.file, mark: example.mark, pointer: nil))
        }
        add("a body with every member is accepted", validBody(&generator))
        add("a body with only the required members is accepted", validBody(&generator, includeOptional: false))
        guard let base = validBody(&generator), let shape = bodyShape else { return cases }
        // The whole space of valid bodies, not the canonical shape: JSON objects are unordered,
        // and a schema that does not close its object allows members it does not declare.
        if case .object(let members) = base, !isForm, !isMultipart, !isXML {
            if members.count > 1 {
                add("a body with its members in reverse order is accepted", freshBody(.object(JSONObject(members.reversed())), &generator))
            }
            if shape.allowsUndeclaredMembers {
                add(
                    "a body with a member the schema does not declare (it allows them) is accepted",
                    freshBody(base, &generator).setting(.string("contract-test"), at: JSONPointer(tokens: [Self.undeclaredMember])))
            }
        }
        cases += acceptsGzipCases(base, &generator)
        for (name, property) in shape.properties {
            let member = property.shape
            let at = property.location.markedPlace
            func variant(_ value: JSONValue) -> JSONValue {
                freshBody(base.setting(value, at: JSONPointer(tokens: [name])), &generator, keeping: name)
            }
            let integer = member.types.contains("integer")
            if let (bound, exclusive) = member.minimum {
                let value = exclusive ? Bounds.step(above: bound, integer: integer) : bound
                add("\(name) at its minimum \(value) is accepted", variant(.number(value)), at: at)
            }
            if let (bound, exclusive) = member.maximum {
                let value = exclusive ? Bounds.step(below: bound, integer: integer) : bound
                add("\(name) at its maximum \(value) is accepted", variant(.number(value)), at: at)
            }
            if member.format == nil, member.pattern == nil, member.enumeration.isEmpty, member.types == ["string"] {
                // A naming member's text at a length bound is still a fresh name where the
                // bound leaves room for one.
                func text(_ length: Int) -> (JSONValue, Expectation?) {
                    let filler = String(repeating: "a", count: length)
                    guard isNamingMember(name) else { return (.string(filler), nil) }
                    let token = generator.addresses.freshToken()
                    guard token.count <= length else { return (.string(filler), acceptedWithChosenName) }
                    return (.string(token + filler.dropFirst(token.count)), nil)
                }
                if let length = member.minLength, length > 0 {
                    let (value, expectation) = text(length)
                    add("\(name) at its minLength \(length) is accepted", variant(value), at: at, expect: expectation)
                }
                if let length = member.maxLength, length <= 10_000 {
                    let (value, expectation) = text(length)
                    add("\(name) at its maxLength \(length) is accepted", variant(value), at: at, expect: expectation)
                }
            }
            for value in member.enumeration {
                add("\(name) = \(value.truncatedText(limit: 30)) (an enum value) is accepted", variant(value), at: at)
            }
        }
        return cases
    }
}

extension OperationContext {
    /// The name of the member valid bodies add where a schema allows undeclared ones.
    static let undeclaredMember = "ctUndeclaredMember"

    /// A valid request that says it takes a gzip answer (`Accept-Encoding: gzip`): the server
    /// may compress it or not, and must answer it as any other.
    mutating func acceptsGzipCases(_ base: JSONValue, _ generator: inout CaseGenerator) -> [TestCase] {
        let body = freshBody(base, &generator)
        guard accepts(body) else { return [] }
        var sent = request(body: body)
        sent.headers.append(HeaderItem(name: "Accept-Encoding", value: "gzip"))
        return [
            TestCase(
                operationId: entry.id, kind: .positive, name: "a request that takes a gzip answer (Accept-Encoding: gzip) is accepted",
                steps: [.request(sent, expect: accepted, checkRules: true)], specLocation: location)
        ]
    }
}

/// The number just inside or outside a bound.
enum Bounds {
    static func step(above bound: JSONNumber, integer: Bool) -> JSONNumber {
        integer ? JSONNumber(bound.double.rounded(.down) + 1) : JSONNumber(bound.double + Swift.max(abs(bound.double) * 1e-9, 1e-6))
    }

    static func step(below bound: JSONNumber, integer: Bool) -> JSONNumber {
        integer ? JSONNumber(bound.double.rounded(.up) - 1) : JSONNumber(bound.double - Swift.max(abs(bound.double) * 1e-9, 1e-6))
    }
}
