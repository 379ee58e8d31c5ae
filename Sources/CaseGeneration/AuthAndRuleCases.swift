import BusinessRules
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension OperationContext {
    /// Requests without valid credentials get 401: none at all, and for each scheme of the
    /// requirement that scheme left out, invalid, malformed or replaced by another kind.
    mutating func authCases(_ generator: inout CaseGenerator) -> [TestCase] {
        let at = entry.security.first.map { SpecLocation($0.location) } ?? location
        // Where the path names a made-up id, the server may find that it names nothing before it
        // asks who is asking (RFC 9110 section 15.5.4 lets it answer 404 to hide a resource).
        let refusal: Expectation = acceptedOwn == .successOrAbsent ? .orAbsent(.status([401])) : .status([401])
        let refused = auth.refusals(tag: generator.options.runTag).map { name, credentials in
            TestCase(
                operationId: entry.id, kind: .auth, name: name,
                steps: [.request(request(body: validBody(&generator), credentials: credentials), expect: refusal, checkRules: false)],
                specLocation: at)
        }
        // Valid credentials in an equivalent spelling must be let in like the usual one.
        let accepted = auth.equivalents().compactMap { name, credentials -> TestCase? in
            let body = validBody(&generator)
            guard bodyValidator == nil || body.map(accepts) == true else { return nil }
            return TestCase(
                operationId: entry.id, kind: .auth, name: name,
                steps: [.request(request(body: body, credentials: credentials), expect: self.accepted, checkRules: true)], specLocation: at)
        }
        return refused + accepted
    }

    /// The business rules over several requests: the success body keeps them; a second create
    /// while one is active conflicts (also in other case); after expiry a new create succeeds;
    /// generated ids differ.
    mutating func ruleCases(_ generator: inout CaseGenerator) -> [TestCase] {
        guard let rules, let bodyShape, let kept = validBody(&generator) else { return [] }
        let at = SpecLocation.rule(rules.mark)
        var cases = [
            TestCase(
                operationId: entry.id, kind: .rules, name: "a create answers with the rules kept (echo, constants, dates)",
                steps: [.request(request(body: kept), expect: .success, checkRules: true)], specLocation: at)
        ]
        guard let creation = rules.creation, let base = validBody(&generator),
            case .string(let address)? = base.value(at: creation.identity)
        else { return cases }
        let conflict = Expectation.conflict(creation.conflictStatus)
        let second = validBody(&generator) ?? base
        let again = second.setting(.string(address), at: creation.identity)
        cases.append(
            TestCase(
                operationId: entry.id, kind: .rules,
                name: "a second create for an active \(creation.identity.lastToken ?? "name") gets \(creation.conflictStatus)",
                steps: [
                    .request(request(body: base), expect: .success, checkRules: true),
                    .request(request(body: again), expect: conflict, checkRules: false),
                ],
                specLocation: .rule(creation.mark)))
        // A second create for the active name that differs in its other members (its days,
        // say) is still a second one for that name.
        if let changed = Self.otherMembersChanged(again, keeping: creation.identity, shape: bodyShape), accepts(changed) {
            let first = validBody(&generator) ?? base
            if case .string(let name)? = first.value(at: creation.identity) {
                cases.append(
                    TestCase(
                        operationId: entry.id, kind: .rules,
                        name:
                            "a second create for an active \(creation.identity.lastToken ?? "name") with its other members changed gets \(creation.conflictStatus)",
                        steps: [
                            .request(request(body: first), expect: .success, checkRules: true),
                            .request(request(body: changed.setting(.string(name), at: creation.identity)), expect: conflict, checkRules: false),
                        ],
                        specLocation: .rule(creation.mark)))
            }
        }
        if creation.caseInsensitive {
            let first = validBody(&generator) ?? base
            if case .string(let other)? = first.value(at: creation.identity) {
                let shouted = first.setting(.string(other.uppercased()), at: creation.identity)
                cases.append(
                    TestCase(
                        operationId: entry.id, kind: .rules,
                        name:
                            "the \(creation.identity.lastToken ?? "name") compares without case: a second create in capitals gets \(creation.conflictStatus)",
                        steps: [
                            .request(request(body: first), expect: .success, checkRules: true),
                            .request(request(body: shouted), expect: conflict, checkRules: false),
                        ],
                        specLocation: .rule(creation.mark)))
            }
        }
        cases += raceCases(creation, &generator)
        cases += identityProbes(creation, &generator)
        if let daysPointer = creation.activeDays,
            let shortest = bodyShape.property(daysPointer.lastToken ?? "")?.shape.minimum?.value.int.map(Int.init) ?? Optional(1)
        {
            let fresh = validBody(&generator) ?? base
            let short = fresh.setting(.number(JSONNumber(shortest)), at: daysPointer)
            cases.append(
                TestCase(
                    operationId: entry.id, kind: .rules,
                    name: "after expiry (\(shortest) day\(shortest == 1 ? "" : "s")) a new create for the address succeeds",
                    steps: [
                        .request(request(body: short), expect: .success, checkRules: true),
                        .request(request(body: short), expect: conflict, checkRules: false),
                        .advanceClock(days: shortest + 1),
                        .request(request(body: short), expect: .success, checkRules: true),
                    ],
                    specLocation: .rule(creation.mark)))
        }
        if !rules.response.unique.isEmpty {
            var overTheRun = TestCase(
                operationId: entry.id, kind: .rules,
                name: "every success answer of the run has its own \(rules.response.unique.map { $0.lastToken ?? "" }.joined(separator: ", "))",
                steps: [], specLocation: rules.response.mark.map(SpecLocation.rule) ?? at)
            overTheRun.overTheRun = .unique
            cases.append(overTheRun)
            let first = validBody(&generator) ?? base
            let second = validBody(&generator) ?? base
            cases.append(
                TestCase(
                    operationId: entry.id, kind: .rules,
                    name: "two creates get different \(rules.response.unique.map { $0.lastToken ?? "" }.joined(separator: ", "))",
                    steps: [
                        .request(request(body: first), expect: .success, checkRules: true),
                        .request(request(body: second), expect: .success, checkRules: true),
                    ],
                    specLocation: rules.response.mark.map(SpecLocation.rule) ?? at))
        }
        return cases
    }

    /// The body with every top-level member but the identity given another valid value: the
    /// other end of a number's bounds, a text with a suffix, another enum value. `nil` when no
    /// member could change.
    static func otherMembersChanged(_ body: JSONValue, keeping identity: JSONPointer, shape: SchemaShape?) -> JSONValue? {
        guard let shape, case .object(let members) = body else { return nil }
        var changed = body
        for member in members where identity.tokens != [member.key] {
            guard let memberShape = shape.property(member.key)?.shape else { continue }
            let other: JSONValue? =
                switch member.value {
                case .number(let number):
                    [memberShape.maximum?.value, memberShape.minimum?.value, JSONNumber(number.double + 1)]
                        .compactMap { $0 }.first { $0.double != number.double }.map(JSONValue.number)
                case .string(let text) where !memberShape.enumeration.isEmpty:
                    memberShape.enumeration.first { $0 != .string(text) }
                case .string(let text) where memberShape.format == nil && memberShape.pattern == nil: .string(text + "-2")
                case .bool(let flag): .bool(!flag)
                default: nil
                }
            if let other { changed = changed.setting(other, at: JSONPointer(tokens: [member.key])) }
        }
        return changed == body ? nil : changed
    }

    /// How many creates a race case sends at once.
    static let raceWidth = CreationRule.raceWidth

    /// Creates for one fresh name sent at once: exactly one succeeds, the others conflict; and,
    /// where names compare without case, the same with the name written in different cases.
    private mutating func raceCases(_ creation: CreationRule, _ generator: inout CaseGenerator) -> [TestCase] {
        var cases: [TestCase] = []
        let name = creation.identity.lastToken ?? "name"
        var spellings: [(String, (String) -> [String])] = [("one \(name)", { Array(repeating: $0, count: Self.raceWidth) })]
        if creation.caseInsensitive {
            spellings.append(("one \(name) written in \(Self.raceWidth) different cases", { Self.caseVariants(of: $0, count: Self.raceWidth) }))
        }
        for (words, spell) in spellings {
            guard let body = validBody(&generator), case .string(let identity)? = body.value(at: creation.identity) else { continue }
            let requests = spell(identity).map { request(body: body.setting(.string($0), at: creation.identity)) }
            cases.append(
                TestCase(
                    operationId: entry.id, kind: .rules,
                    name: "\(requests.count) creates for \(words) sent at once: exactly one succeeds, the others get \(creation.conflictStatus)",
                    steps: [.race(requests, conflictStatus: creation.conflictStatus)],
                    specLocation: .rule(creation.mark)))
        }
        return cases
    }

    /// `count` spellings of a text that differ only in case: as it is, in capitals, and with
    /// every second, third, fourth ... letter raised.
    static func caseVariants(of text: String, count: Int) -> [String] {
        var variants = [text]
        for candidate in [text.uppercased(), text.lowercased()] where !variants.contains(candidate) {
            variants.append(candidate)
        }
        var period = 2
        while variants.count < count, period <= text.count {
            let variant = String(
                text.enumerated().map { index, character in
                    Character(index % period == 0 ? character.uppercased() : character.lowercased())
                })
            if !variants.contains(variant) { variants.append(variant) }
            period += 1
        }
        return Array(variants.prefix(count))
    }
}
