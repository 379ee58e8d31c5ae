import BusinessRules
import Foundation
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension OperationContext {
    /// Invalid requests, each one change away from a valid one and invalid under every reading
    /// of the schema (checked with the validator): members missing, of the wrong type, null,
    /// just outside a bound, breaking a format, pattern or enum, undeclared; bodies empty,
    /// malformed or of the wrong type; required parameters missing or malformed.
    mutating func negativeCases(_ generator: inout CaseGenerator) -> [TestCase] {
        var cases: [TestCase] = []
        let refused = refusal
        func refuse(_ name: String, _ request: RequestSpec, at location: SpecLocation? = nil, focus: CaseFocus? = nil) {
            cases.append(
                TestCase(
                    operationId: entry.id, kind: .negative, name: name,
                    steps: [.request(request, expect: refused, checkRules: false)],
                    specLocation: location ?? self.location, focus: focus))
        }
        for (parameter, validator, _) in requiredParameters where parameter.location != .path {
            let at = SpecLocation(parameter.objectLocation)
            refuse("required \(parameter.location.rawValue) parameter \(parameter.name) missing is refused", without(parameter), at: at)
            if let validator, let wrong = Mistakes.wrongType(for: validator.shape) {
                let text = ParameterCoding.text(wrong, OperationContext.style(parameter))
                // Only a text the server cannot read as the declared type is malformed.
                if !validator.isValid(validator.shape.value(fromParameterText: text), direction: .request) {
                    refuse(
                        "\(parameter.location.rawValue) parameter \(parameter.name) = '\(text)' (malformed) is refused",
                        with(parameter, text), at: at)
                }
            }
        }
        guard let shape = bodyShape, let base = validBody(&generator) else { return cases }
        func refuseBody(_ name: String, _ body: JSONValue, at location: SpecLocation?, focus: CaseFocus? = nil) {
            guard !accepts(body) else { return }  // not invalid as it travels: no case
            refuse(name, request(body: body), at: location, focus: focus)
        }
        for (name, property) in shape.properties {
            let member = property.shape
            let at = property.location.markedPlace
            let pointer = JSONPointer(tokens: [name])
            // Each case gets its own address: a server that wrongly accepts one invalid body must
            // not turn the next case's refusal into a mere conflict.
            func variant(_ value: JSONValue?) -> JSONValue { freshBody(base, &generator).setting(value, at: pointer) }
            func focus(_ valueClass: String) -> CaseFocus { CaseFocus(member: pointer.description, valueClass: valueClass, validity: .invalid) }
            if shape.required.contains(name) {
                refuseBody("\(name) missing (required) is refused", variant(nil), at: at, focus: focus("missing"))
                // JSON names are case-sensitive: the member written in another case is no member.
                let recased = Self.otherCase(of: name)
                if recased != name, shape.property(recased) == nil, let value = base[name] {
                    refuseBody(
                        "\(name) written \(recased) (names are case-sensitive: the required member is missing) is refused",
                        variant(nil).setting(value, at: JSONPointer(tokens: [recased])), at: at, focus: focus("name in another case"))
                }
            }
            if let wrong = Mistakes.wrongType(for: member) {
                refuseBody(
                    "\(name) as \(wrong.typeName) \(wrong.truncatedText(limit: 20)) (wrong type) is refused", variant(wrong), at: at,
                    focus: focus("wrong type"))
            }
            if !member.nullable, !member.types.isEmpty {
                refuseBody("\(name) null (not nullable) is refused", variant(.null), at: at, focus: focus("null"))
            }
            let integer = member.types.contains("integer")
            if let (bound, exclusive) = member.minimum {
                let value = exclusive ? bound : Bounds.outside(below: bound, integer: integer)
                refuseBody("\(name) \(value) (below minimum \(bound)) is refused", variant(.number(value)), at: at, focus: focus("below minimum"))
            }
            if let (bound, exclusive) = member.maximum {
                let value = exclusive ? bound : Bounds.outside(above: bound, integer: integer)
                refuseBody("\(name) \(value) (above maximum \(bound)) is refused", variant(.number(value)), at: at, focus: focus("above maximum"))
            }
            if member.types == ["string"] {
                if let length = member.minLength, length > 0 {
                    refuseBody(
                        "\(name) of \(length - 1) characters (below minLength \(length)) is refused",
                        variant(.string(String(repeating: "a", count: length - 1))), at: at, focus: focus("below minLength"))
                }
                if let length = member.maxLength, length < 100_000 {
                    refuseBody(
                        "\(name) of \(length + 1) characters (above maxLength \(length)) is refused",
                        variant(.string(String(repeating: "a", count: length + 1))), at: at, focus: focus("above maxLength"))
                }
                if let format = member.format, let wrong = Mistakes.breaking(format: format) {
                    refuseBody(
                        "\(name) \(wrong.truncatedText(limit: 30)) (not \(Mistakes.formatWords(format))) is refused", variant(wrong), at: at,
                        focus: focus("not \(Mistakes.formatWords(format))"))
                }
                if let pattern = member.pattern, let wrong = Mistakes.breaking(pattern: pattern, validator: property) {
                    refuseBody(
                        "\(name) \(wrong.truncatedText(limit: 30)) (not matching /\(pattern)/) is refused", variant(wrong), at: at,
                        focus: focus("not matching its pattern"))
                }
                if !member.enumeration.isEmpty {
                    refuseBody(
                        "\(name) \"not-an-enum-value\" (not in its enum) is refused", variant(.string("not-an-enum-value")), at: at,
                        focus: focus("not in its enum"))
                }
            }
        }
        if !shape.allowsUndeclaredMembers {
            refuseBody(
                "an undeclared member (additionalProperties: false) is refused",
                freshBody(base, &generator).setting(.number(JSONNumber(1)), at: JSONPointer(tokens: ["undeclaredMember"])),
                at: bodyValidator?.location.markedPlace)
        }
        // An empty body is no JSON, XML or multipart document, and a form without pairs is the
        // empty object; empty bytes or text are content like any other.
        let emptyIsInvalid =
            bodyMediaType.map { MediaTypeName.isJSON($0) || XMLBody.isXML($0) } ?? false || isMultipart
            || (isForm && !accepts(.object(JSONObject([]))))
        if bodyRequired, emptyIsInvalid {
            refuse("an empty body (the body is required) is refused", request(rawBody: []))
        }
        if let mediaType = bodyMediaType {
            if MediaTypeName.isJSON(mediaType) {
                refuse("malformed JSON is refused", request(rawBody: Array(#"{"unterminated": "#.utf8)))
            }
            // RFC 9110 section 8.3: without a Content-Type a server may read the content as it
            // sees fit, and a server may read a type the document does not list (a 415 is its
            // right, not its duty): accepting is as lawful as refusing; a 5xx is neither.
            for (label, contentType) in [("without Content-Type", OperationContext.ContentType.none), ("sent as text/plain", .custom("text/plain"))] {
                cases.append(
                    TestCase(
                        operationId: entry.id, kind: .negative, name: "a body \(label) is read or refused, never a server error",
                        steps: [.request(request(body: freshBody(base, &generator), contentType: contentType), expect: either, checkRules: false)],
                        specLocation: location))
            }
        }
        return cases
    }

    /// The request without this parameter (every pair, header or cookie it wrote).
    private func without(_ parameter: Parameter) -> RequestSpec {
        replacing(parameter, with: nil)
    }

    /// The request with this parameter's text instead of its value.
    private func with(_ parameter: Parameter, _ text: String) -> RequestSpec {
        replacing(parameter, with: text)
    }

    private func replacing(_ parameter: Parameter, with text: String?) -> RequestSpec {
        var spec = request()
        guard
            let value = requiredParameters.first(where: { $0.parameter.name == parameter.name && $0.parameter.location == parameter.location })?.value
        else { return spec }
        let style = OperationContext.style(parameter)
        switch parameter.location {
        case .query:
            let written = ParameterCoding.pairs(value, style).map { QueryItem(name: $0.name, value: $0.value) }
            let at = spec.query.firstIndex { written.contains($0) } ?? spec.query.endIndex
            spec.query.removeAll { written.contains($0) }
            if let text { spec.query.insert(QueryItem(name: parameter.name, value: text), at: min(at, spec.query.endIndex)) }
        case .header:
            spec.headers.removeAll { $0.name == parameter.name }
            if let text { spec.headers.append(HeaderItem(name: parameter.name, value: text)) }
        case .cookie:
            guard let index = spec.headers.firstIndex(where: { $0.name == "Cookie" }) else { break }
            let written = "\(parameter.name)=\(ParameterCoding.text(value, style))"
            var cookies = spec.headers[index].value.components(separatedBy: "; ").filter { $0 != written }
            if let text { cookies.append("\(parameter.name)=\(text)") }
            if cookies.isEmpty { spec.headers.remove(at: index) } else { spec.headers[index].value = cookies.joined(separator: "; ") }
        case .path, .querystring:
            break
        }
        return spec
    }
}

extension Bounds {
    static func outside(below bound: JSONNumber, integer: Bool) -> JSONNumber {
        integer ? JSONNumber(bound.double.rounded(.up) - 1) : JSONNumber(bound.double - 1)
    }

    static func outside(above bound: JSONNumber, integer: Bool) -> JSONNumber {
        integer ? JSONNumber(bound.double.rounded(.down) + 1) : JSONNumber(bound.double + 1)
    }
}

/// Values that break one thing, unmistakably.
enum Mistakes {
    /// A value of a type the member does not allow.
    static func wrongType(for shape: SchemaShape) -> JSONValue? {
        let allowed = Set(shape.types)
        guard !allowed.isEmpty else { return nil }
        let candidates: [(String, JSONValue)] = [
            ("string", .string("text")), ("integer", .number(JSONNumber(12345))), ("boolean", .bool(true)),
            ("object", .object(JSONObject([]))), ("array", .array([])),
        ]
        return candidates.first { type, _ in
            !allowed.contains(type) && !(type == "integer" && allowed.contains("number"))
        }?.1
    }

    /// A string no reading of the format accepts.
    static func breaking(format: String) -> JSONValue? {
        switch format {
        case "email": .string("partner.example.com")
        case "date-time": .string("not a date-time")
        case "date": .string("not a date")
        case "time": .string("not a time")
        case "uuid": .string("not-a-uuid")
        case "uri": .string("not a uri")
        case "ipv4": .string("not an address")
        case "ipv6": .string("not an address")
        case "byte": .string("not base64!")
        default: nil
        }
    }

    static func formatWords(_ format: String) -> String {
        switch format {
        case "email": "an email address"
        case "uuid": "a UUID"
        case "uri": "a URI"
        default: "a \(format)"
        }
    }

    /// A string the pattern refuses.
    static func breaking(pattern: String, validator: SchemaValidator) -> JSONValue? {
        ["", " ", "!!!", "\u{1F600}", "0", "a", "A", "-", "__", String(repeating: "z", count: 40)]
            .map(JSONValue.string)
            .first { candidate in
                validator.validate(candidate, direction: .request).contains { $0.keyword == "pattern" }
            }
    }
}

extension OperationContext {
    /// `partnerEmailId` as `PartnerEmailId` (the first letter's case flipped), else in capitals.
    static func otherCase(of name: String) -> String {
        guard let first = name.first, first.isLetter else { return name.uppercased() }
        let flipped = first.isUppercase ? first.lowercased() : first.uppercased()
        return flipped + name.dropFirst()
    }
}
