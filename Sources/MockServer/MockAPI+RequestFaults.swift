import Foundation
import SchemaValidation
import YAMLSource

/// The faults that change how the mock reads a request body: the defects of real servers
/// that only some values show.
extension MockAPI {
    /// A refusal the faults make of a body the contract accepts, or a crash on one it does not.
    func faultyReading(_ value: JSONValue, _ body: RequestInputs.Body) -> BodyRejection? {
        if has(.serverErrorOnHugeNumber),
            Self.contains(value, where: { if case .number(let number) = $0 { abs(number.double) > 2_147_483_647 } else { false } })
        {
            return BodyRejection(status: 500, message: "Internal Server Error", members: [])
        }
        if has(.serverErrorOnNonASCII), Self.contains(value, where: { $0.stringValue?.unicodeScalars.contains { !$0.isASCII } ?? false }) {
            return BodyRejection(status: 500, message: "Internal Server Error", members: [])
        }
        if has(.extraMembersRefused) || has(.memberOrderRequired), let shape = body.validator?.shape, case .object(let object) = value {
            let declared = shape.properties.map(\.name)
            if has(.extraMembersRefused), let extra = object.first(where: { !declared.contains($0.key) }) {
                return BodyRejection(status: 400, message: "#/\(extra.key): unknown member", members: [extra.key])
            }
            let positions = object.compactMap { member in declared.firstIndex(of: member.key) }
            if has(.memberOrderRequired), positions != positions.sorted() {
                return BodyRejection(status: 400, message: "#: members out of order", members: [])
            }
        }
        if has(.validAddressesRefused), let shape = body.validator?.shape {
            for (name, property) in shape.properties where property.shape.format == "email" {
                if case .string(let address)? = value[name], !Self.naivelyValid(address) {
                    return BodyRejection(status: 400, message: "#/\(name): not a valid email address", members: [name])
                }
            }
        }
        return nil
    }

    /// The body as a lenient server reads it: member names matched without case, non-whole
    /// numbers cut to integers where the schema wants integers.
    func faultyCoercion(_ value: JSONValue, _ body: RequestInputs.Body) -> JSONValue {
        guard let shape = body.validator?.shape, case .object(let object) = value else { return value }
        var coerced = value
        if has(.memberNamesCaseInsensitive) {
            // A member named like a declared one but for case is read as that one.
            for member in object where shape.property(member.key) == nil {
                guard let declared = shape.properties.first(where: { $0.name.lowercased() == member.key.lowercased() })?.name,
                    coerced[declared] == nil
                else { continue }
                coerced = coerced.setting(nil, at: JSONPointer(tokens: [member.key])).setting(member.value, at: JSONPointer(tokens: [declared]))
            }
        }
        guard has(.nonIntegerAccepted) else { return coerced }
        for (name, property) in shape.properties where property.shape.types.contains("integer") {
            if case .number(let number)? = value[name], !number.isInteger, number.double.isFinite {
                coerced = coerced.setting(.number(JSONNumber(number.double.rounded(.towardZero))), at: JSONPointer(tokens: [name]))
            }
        }
        return coerced
    }

    /// The kind of pattern that refuses valid addresses: lower-case letters, digits and
    /// hyphens, one domain of two labels.
    static func naivelyValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        func plain(_ text: Substring) -> Bool {
            !text.isEmpty && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
        guard parts.count == 2, plain(parts[0]) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count == 2 && labels.allSatisfy(plain)
    }

    private static func contains(_ value: JSONValue, where matches: (JSONValue) -> Bool) -> Bool {
        if matches(value) { return true }
        switch value {
        case .array(let items): return items.contains { contains($0, where: matches) }
        case .object(let object): return object.contains { contains($0.value, where: matches) }
        default: return false
        }
    }

    /// `identities-merged`: a name as an over-eager normalizer keys it: lower case, accents
    /// folded, and in an address's local part a plus tag dropped and dots removed.
    static func normalizedWrongly(_ name: String) -> String {
        let folded = String(
            String.UnicodeScalarView(
                name.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                    $0.properties.generalCategory != .nonspacingMark
                }))
        guard let at = folded.lastIndex(of: "@") else { return folded }
        var local = folded[..<at]
        if let plus = local.firstIndex(of: "+") { local = local[..<plus] }
        return local.replacingOccurrences(of: ".", with: "") + folded[at...]
    }
}
