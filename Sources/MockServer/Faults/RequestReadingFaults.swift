import Foundation
import SchemaValidation
import YAMLSource

/// The faults in reading a request: invalid input let through, valid input refused or
/// misread, and the crashes only some values show.

/// `invalid-input-accepted`: parameters and bodies that break the contract are served.
struct InvalidInputAccepted: FaultBehaviour {
    static let summary = "requests that break the request schema are answered with success"

    func adjust(_ policy: inout RequestPolicy) { policy.refusesInvalidInput = false }
}

/// `server-error-on-malformed`: a body that does not parse crashes the server.
struct ServerErrorOnMalformed: FaultBehaviour {
    static let summary = "a body that is not JSON is answered 500"

    func refusal(ofMalformed rejection: RequestInputs.BodyRejection) -> RequestInputs.BodyRejection {
        rejection.malformed ? .internalServerError : rejection
    }
}

/// `server-error-on-huge-number`: a number beyond int32 overflows.
struct ServerErrorOnHugeNumber: FaultBehaviour {
    static let summary = "a number beyond int32 anywhere in the body is answered 500 (an overflow)"

    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection? {
        body.contains { if case .number(let number) = $0 { abs(number.double) > 2_147_483_647 } else { false } } ? .internalServerError : nil
    }
}

/// `server-error-on-non-ascii`: text outside ASCII breaks an encoding step.
struct ServerErrorOnNonASCII: FaultBehaviour {
    static let summary = "a body with text outside ASCII is answered 500 (an encoding fault)"

    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection? {
        body.contains { $0.stringValue?.unicodeScalars.contains { !$0.isASCII } ?? false } ? .internalServerError : nil
    }
}

/// `extra-members-refused`: members the schema does not declare are refused, though it allows them.
struct ExtraMembersRefused: FaultBehaviour {
    static let summary = "bodies with members the schema does not declare are refused, though the schema allows them"

    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection? {
        guard let shape, case .object(let object) = body,
            let extra = object.first(where: { member in shape.property(member.key) == nil })
        else { return nil }
        return RequestInputs.BodyRejection(status: 400, message: "#/\(extra.key): unknown member", members: [extra.key])
    }
}

/// `member-order-required`: members must come in the schema's order, though JSON objects have none.
struct MemberOrderRequired: FaultBehaviour {
    static let summary = "bodies whose members are not in the schema's order are refused"

    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection? {
        guard let shape, case .object(let object) = body else { return nil }
        let declared = shape.properties.map(\.name)
        let positions = object.compactMap { member in declared.firstIndex(of: member.key) }
        return positions == positions.sorted() ? nil : RequestInputs.BodyRejection(status: 400, message: "#: members out of order", members: [])
    }
}

/// `valid-addresses-refused`: email members are held to a naive pattern: lower-case letters,
/// digits and hyphens, one domain of two labels.
struct ValidAddressesRefused: FaultBehaviour {
    static let summary = "valid addresses outside a naive pattern (plus tags, capitals, dots, subdomains) are refused as invalid"

    func refusal(of body: JSONValue, shape: SchemaShape?) -> RequestInputs.BodyRejection? {
        guard let shape else { return nil }
        for (name, property) in shape.properties where property.shape.format == "email" {
            if case .string(let address)? = body[name], !Self.naivelyValid(address) {
                return RequestInputs.BodyRejection(status: 400, message: "#/\(name): not a valid email address", members: [name])
            }
        }
        return nil
    }

    static func naivelyValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        func plain(_ text: Substring) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        guard parts.count == 2, plain(parts[0]) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count == 2 && labels.allSatisfy(plain)
    }
}

/// `member-names-case-insensitive`: a member named like a declared one but for case is read as it.
struct MemberNamesCaseInsensitive: FaultBehaviour {
    static let summary = "member names are matched without case (PartnerEmailId is read as partnerEmailId)"

    func reading(of body: JSONValue, shape: SchemaShape) -> JSONValue {
        guard case .object(let object) = body else { return body }
        var read = body
        for member in object where shape.property(member.key) == nil {
            guard let declared = shape.properties.first(where: { $0.name.lowercased() == member.key.lowercased() })?.name,
                read[declared] == nil
            else { continue }
            read = read.setting(nil, at: JSONPointer(tokens: [member.key])).setting(member.value, at: JSONPointer(tokens: [declared]))
        }
        return read
    }
}

/// `non-integer-accepted`: a number that is not whole is cut to an integer where the schema
/// wants one.
struct NonIntegerAccepted: FaultBehaviour {
    static let summary = "integer members accept numbers that are not whole (10.5 is cut to 10)"

    func reading(of body: JSONValue, shape: SchemaShape) -> JSONValue {
        var read = body
        for (name, property) in shape.properties where property.shape.types.contains("integer") {
            if case .number(let number)? = body[name], !number.isInteger, number.double.isFinite {
                read = read.setting(.number(JSONNumber(number.double.rounded(.towardZero))), at: JSONPointer(tokens: [name]))
            }
        }
        return read
    }
}

extension RequestInputs.BodyRejection {
    /// A crash: the answer a server gives when reading the body throws.
    static let internalServerError = Self(status: 500, message: "Internal Server Error", members: [])
}

extension JSONValue {
    /// Whether this value, or any value inside it, matches.
    fileprivate func contains(where matches: (JSONValue) -> Bool) -> Bool {
        if matches(self) { return true }
        switch self {
        case .array(let items): return items.contains { $0.contains(where: matches) }
        case .object(let object): return object.contains { $0.value.contains(where: matches) }
        default: return false
        }
    }
}
