import BusinessRules
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension OperationContext {
    /// Valid requests: each documented example, synthesized bodies, and each member at its
    /// boundaries (minimum, maximum, lengths, every enum value).
    mutating func positiveCases(_ generator: inout CaseGenerator) -> [TestCase] {
        var cases: [TestCase] = []
        func add(_ name: String, _ body: JSONValue?, at location: String? = nil) {
            if bodyValidator != nil {
                // A body the synthesizer could not make valid gives no case, never a wrong one.
                guard let body, accepts(body) else { return }
            }
            cases.append(TestCase(
                operationId: entry.id, kind: .positive, name: name,
                steps: [.request(request(body: body), expect: accepted, checkRules: true)],
                specLocation: location ?? self.location))
        }
        guard bodyValidator != nil else {
            add("a request with the required parameters is accepted", nil)
            return cases
        }
        for (name, example) in entry.operation.requestBody?.jsonContent?.content.allExamples ?? [] {
            let value = freshBody(JSONValue(example), &generator)
            add("documented example '\(name)' (with a fresh address) is accepted", value, at: example.mark.description)
        }
        add("a body with every member is accepted", validBody(&generator))
        add("a body with only the required members is accepted", validBody(&generator, includeOptional: false))
        guard let base = validBody(&generator), let shape = bodyShape else { return cases }
        for (name, property) in shape.properties {
            let member = property.shape
            let at = property.location.mark?.description
            func variant(_ value: JSONValue) -> JSONValue {
                freshBody(base.setting(value, at: JSONPointer(tokens: [name])), &generator)
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
                if let length = member.minLength, length > 0 {
                    add("\(name) at its minLength \(length) is accepted", variant(.string(String(repeating: "a", count: length))), at: at)
                }
                if let length = member.maxLength, length <= 10_000 {
                    add("\(name) at its maxLength \(length) is accepted", variant(.string(String(repeating: "a", count: length))), at: at)
                }
            }
            for value in member.enumeration {
                add("\(name) = \(value.truncatedText(limit: 30)) (an enum value) is accepted", variant(value), at: at)
            }
        }
        return cases
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
