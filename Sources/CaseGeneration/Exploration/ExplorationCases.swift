import BusinessRules
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension OperationContext {
    /// Generated requests beyond the fixed cases: for every member of the body, at any depth, one
    /// case for each value class of its type and format (every class, every run, whatever the
    /// seed), then `--examples` whole bodies of random valid values. Valid values must be
    /// accepted and invalid ones refused, each confirmed by the validator as the body travels;
    /// values whose validity depends on the reading must merely not break the server. The seed
    /// chooses only the random values and the order.
    mutating func explorationCases(_ generator: inout CaseGenerator) -> [TestCase] {
        guard let bodyShape, let base = validBody(&generator) else { return [] }
        let seed = generator.options.seed
        var probes: [Probe] = []
        collect(bodyShape, at: .root, depth: 0, seed: seed, domain: generator.options.emailDomain, into: &probes)
        probes += randomBodies(seed: seed, count: generator.options.examples, &generator)
        var random = SeededGenerator(seed: Self.mix(seed, "order"))
        probes.shuffle(using: &random)
        return probes.compactMap { exploreCase($0, base: base, &generator) }
    }

    /// The probes of every member under `shape`, depth first, in document order.
    private func collect(_ shape: SchemaShape, at pointer: JSONPointer, depth: Int, seed: UInt64, domain: String, into probes: inout [Probe]) {
        guard depth < 4 else { return }
        for (name, property) in shape.properties where !shape.readOnlyMembers.contains(name) {
            let member = pointer.appending(name)
            let memberShape = property.shape
            var random = SeededGenerator(seed: Self.mix(seed, member.description))
            // A member that names the resource gets the case's fresh name in every text class, so
            // no class (nor a random body that picks it) reuses a name another case created.
            let isIdentity = rules?.creation?.identity == member || (member.tokens.count == 1 && isNamingMember(member.tokens[0]))
            switch memberShape.types.first(where: { $0 != "null" }) {
            case "integer", "number":
                probes += NumberClasses.probes(memberShape, at: member, random: &random)
            case "string":
                probes += TextClasses.probes(memberShape, at: member, isIdentity: isIdentity, domain: domain, random: &random)
            case "boolean":
                probes += [
                    Probe(member, "true", .valid, value: .bool(true), showValue: true),
                    Probe(member, "false", .valid, value: .bool(false), showValue: true),
                    Probe(member, "a boolean as a string", .invalid, value: .string("true"), showValue: true),
                    Probe(member, "a number for a boolean", .invalid, value: .number(JSONNumber(1)), showValue: true),
                ]
            case "array":
                probes += StructureClasses.arrays(memberShape, at: member, random: &random)
                if let items = memberShape.items?.shape, !items.properties.isEmpty {
                    collect(items, at: member.appending("0"), depth: depth + 1, seed: seed, domain: domain, into: &probes)
                }
            case "object":
                probes += StructureClasses.objects(memberShape, at: member)
                collect(memberShape, at: member, depth: depth + 1, seed: seed, domain: domain, into: &probes)
            default:
                break
            }
        }
    }

    /// Whole bodies whose every member is a random valid value of its own classes.
    private func randomBodies(seed: UInt64, count: Int, _ generator: inout CaseGenerator) -> [Probe] {
        guard count > 0, let shape = bodyShape else { return [] }
        var valid: [Probe] = []
        collect(shape, at: .root, depth: 0, seed: seed, domain: generator.options.emailDomain, into: &valid)
        valid.removeAll { $0.validity != .valid || $0.member.tokens.count != 1 }
        guard !valid.isEmpty else { return [] }
        var random = SeededGenerator(seed: Self.mix(seed, "random bodies"))
        let byMember = Dictionary(grouping: valid, by: \.member)
        let members = byMember.keys.sorted { $0.description < $1.description }
        return (1...count).map { number in
            let picks = members.map { member in byMember[member]![Int(random.next() % UInt64(byMember[member]!.count))] }
            var probe = Probe(.root, "random valid values in every member, #\(number)", .valid) { _ in nil }
            probe.parts = picks
            probe.isRandom = true
            return probe
        }
    }

    /// The case a probe makes: a fresh valid body with the probe's value in its member,
    /// kept only if the validator agrees with the probe about its validity.
    private func exploreCase(_ probe: Probe, base: JSONValue, _ generator: inout CaseGenerator) -> TestCase? {
        let token = generator.addresses.freshToken()
        if let parent = probe.member.parent, parent != .root, base.value(at: parent) == nil { return nil }
        var body = freshBody(base, &generator)
        let parts = probe.parts.isEmpty ? [probe] : probe.parts
        for part in parts {
            body = body.setting(part.make(token), at: part.member)
        }
        let valid = accepts(body)
        let validity = probe.validity
        switch validity {
        case .valid: guard valid else { return nil }
        case .invalid: guard !valid else { return nil }
        case .either: break
        }
        let memberName = probe.member.tokens.isEmpty ? "a body" : probe.member.tokens.joined(separator: "/")
        let subject = probe.shown.map { "\(memberName) \($0) (\(probe.valueClass))" } ?? "\(memberName) (\(probe.valueClass))"
        let (verdict, expectation): (String, Expectation) =
            switch validity {
            case .valid:
                (
                    "is accepted",
                    parts.contains { $0.member.tokens.count == 1 && isNamingMember($0.member.tokens[0]) } ? acceptedWithChosenName : accepted
                )
            case .invalid: ("is refused", refusal)
            case .either: ("is accepted or refused, never a server error", either)
            }
        let raw = probe.escaped && !isForm && !isMultipart ? body.asciiJSONBytes : nil
        return TestCase(
            operationId: entry.id, kind: .explore, name: "\(subject) \(verdict)",
            steps: [.request(request(body: body, rawBody: raw), expect: expectation, checkRules: validity != .invalid)],
            specLocation: bodyShape?.property(probe.member.tokens.first ?? "")?.location.markedPlace ?? location,
            focus: CaseFocus(
                member: probe.member.description, valueClass: probe.valueClass, validity: validity, token: token,
                isRandom: probe.isRandom))
    }

    /// A seed for one member's values: the run's seed mixed with the member's name.
    static func mix(_ seed: UInt64, _ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
