import BusinessRules
import OpenAPIModel
import SchemaValidation
import YAMLSource

extension OperationContext {
    /// Pairs of names that are different resources by the rule, yet one plausible wrong
    /// normalization would make one: the first is created, then the second must succeed too
    /// (not conflict). Derived from the identity's format: for addresses, what mail providers,
    /// libraries and databases are known to strip or fold (plus and hyphen tags, dots, a
    /// column's length, accents; case where the rule does not fold it); for other names, case,
    /// accents and trailing spaces.
    mutating func identityProbes(_ creation: CreationRule, _ generator: inout CaseGenerator) -> [TestCase] {
        let name = creation.identity.lastToken ?? "name"
        let isAddress = bodyShape?.property(name)?.shape.format == "email" && creation.identity.tokens.count == 1
        let noun = isAddress ? "addresses" : "\(name) values"
        let domain = generator.options.emailDomain
        /// What tells the pair apart, the pair around a fresh name, and whether the second may
        /// be refused as invalid by some reading (an accent in an address: RFC 6531 only).
        var pairs: [(difference: String, make: (String) -> (String, String), mayRefuse: Bool)] = []
        if isAddress {
            pairs += [
                ("a plus tag (local+tag@domain, dropped by Gmail-style normalizers)", { ("\($0)@\(domain)", "\($0)+tag@\(domain)") }, false),
                ("a hyphen tag (local-tag@domain, dropped where '-' delimits tags)", { ("\($0)@\(domain)", "\($0)-tag@\(domain)") }, false),
                (
                    "dots in the local part (ignored by Gmail-style normalizers)",
                    { ("\($0)@\(domain)", "\($0.prefix(1)).\($0.dropFirst())@\(domain)") }, false
                ),
                (
                    "their 64th character (merged by a column of 63 or fewer)",
                    {
                        let stem = EmailClasses.padded($0, to: 63)
                        return ("\(stem)a@\(domain)", "\(stem)b@\(domain)")
                    }, false
                ),
                ("an accent (folded by accent-insensitive collations)", { ("\($0)-zoe@\(domain)", "\($0)-zoë@\(domain)") }, true),
            ]
            if !creation.caseInsensitive {
                pairs.append(
                    ("the case of the local part (RFC 5321: only the domain ignores case)", { ("\($0)-x@\(domain)", "\($0)-X@\(domain)") }, false))
            }
        } else if bodyShape?.property(name)?.shape.types.first == "string" {
            pairs += [
                ("an accent (folded by accent-insensitive collations)", { ("\($0) zoe", "\($0) zoë") }, false),
                ("a trailing space (trimmed by careless input handling)", { ("\($0) x", "\($0) x ") }, false),
            ]
            if !creation.caseInsensitive {
                pairs.append(("case (the rule compares names with case)", { ("\($0) x", "\($0) X") }, false))
            }
        }
        return pairs.compactMap { difference, make, mayRefuse in
            guard let body = validBody(&generator) else { return nil }
            let (first, second) = make(generator.addresses.freshToken())
            let firstBody = body.setting(.string(first), at: creation.identity)
            let secondBody = body.setting(.string(second), at: creation.identity)
            // Both names must be what the rule says they are: the first valid, the second valid
            // unless its validity depends on the reading.
            guard accepts(firstBody), mayRefuse || accepts(secondBody) else { return nil }
            let probe = DistinctName(
                conflictStatus: creation.conflictStatus, earlier: first, difference: difference, noun: noun, mayRefuse: mayRefuse)
            return TestCase(
                operationId: entry.id, kind: .rules,
                name: "two \(noun) that differ only by \(difference) are two resources: both creates succeed",
                steps: [
                    .request(request(body: firstBody), expect: .success, checkRules: true),
                    .request(request(body: secondBody), expect: .distinctName(probe), checkRules: !mayRefuse),
                ],
                specLocation: .rule(creation.mark))
        }
    }
}
