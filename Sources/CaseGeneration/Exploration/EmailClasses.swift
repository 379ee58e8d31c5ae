import OpenAPIModel
import SchemaValidation
import YAMLSource

/// Email addresses for `format: email`, each built around a fresh name so a create names a new
/// resource. Valid forms are the ones RFC 5321, RFC 5322 and the WHATWG email grammar all
/// accept; invalid ones break all three and RFC 6531; forms the readings disagree on (a dot at
/// either end of the local part, which WHATWG allows; lengths past RFC 5321's limits; non-ASCII,
/// valid under RFC 6531 only) must merely not break the server. `ClaimTests` holds every form
/// to these claims with each grammar written on its own.
enum EmailClasses {
    /// The characters besides letters and digits that all three grammars allow before the `@`.
    static let specials = "!#$%&'*+/=?^_`{|}~"

    static func probes(at member: JSONPointer, domain: String) -> [Probe] {
        let valid: [(String, (String) -> String)] = [
            ("plus tag (local+tag@domain)", { "\($0)+explore@\(domain)" }),
            ("dots in the local part", { "\($0.replacingAll("-", with: "."))@\(domain)" }),
            ("capital letters", { "\($0)@\(domain)".uppercased() }),
            ("a subdomain", { "\($0)@mail.\(domain)" }),
            ("digits only before the @", { "\(digits($0))@\(domain)" }),
            ("underscores", { "\($0.replacingAll("-", with: "_"))@\(domain)" }),
            ("an apostrophe", { "\($0).o'neill@\(domain)" }),
            ("every special character the grammars allow", { "\($0)\(specials)@\(domain)" }),
            ("a 64-character local part, the longest RFC 5321 allows", { padded($0, to: 64) + "@\(domain)" }),
            ("a 63-character domain label", { "\($0)@\(String(repeating: "d", count: 63)).\(domain)" }),
            ("254 characters, the longest address RFC 5321 allows", { padded($0, to: 64) + "@" + longDomain(domain, to: 254 - 65) }),
        ]
        let invalid: [(String, (String) -> String)] = [
            ("no @", { "\($0).\(domain)" }),
            ("two @", { "\($0)@x@\(domain)" }),
            ("nothing before the @", { _ in "@\(domain)" }),
            ("nothing after the @", { "\($0)@" }),
            ("a space inside", { "\($0) x@\(domain)" }),
            ("a comma inside", { "\($0),x@\(domain)" }),
            ("an empty domain label", { "\($0)@mail..\(domain)" }),
            ("a dot after the @", { "\($0)@.\(domain)" }),
            ("a display name around it", { "Partner <\($0)@\(domain)>" }),
            ("an unclosed quote", { "\"\($0)@\(domain)" }),
        ]
        let disputed: [(String, (String) -> String)] = [
            ("a leading dot (WHATWG allows it, RFC 5321 and 5322 do not)", { ".\($0)@\(domain)" }),
            ("a dot before the @ (WHATWG allows it, RFC 5321 and 5322 do not)", { "\($0).@\(domain)" }),
            ("a 65-character local part (beyond RFC 5321's 64)", { padded($0, to: 65) + "@\(domain)" }),
            ("255 characters (beyond RFC 5321's 254)", { padded($0, to: 64) + "@" + longDomain(domain, to: 255 - 65) }),
        ]
        let nonASCII: [(String, Bool, (String) -> String)] = [
            ("accented letters before the @ (RFC 6531)", false, { "\($0)-zoë@\(domain)" }),
            ("an internationalized domain (RFC 6531)", false, { "\($0)@bücher.\(domain)" }),
            ("CJK characters before the @ (RFC 6531)", false, { "\($0)-東京@\(domain)" }),
            ("emoji as surrogate-pair escapes (RFC 6531)", true, { "\($0)-😀@\(domain)" }),
        ]
        return valid.map { name, make in Probe(member, name, .valid) { .string(make($0)) } }
            + invalid.map { name, make in Probe(member, name, .invalid) { .string(make($0)) } }
            + disputed.map { name, make in Probe(member, name, .either) { .string(make($0)) } }
            + nonASCII.map { name, escaped, make in Probe(member, name, .either, escaped: escaped) { .string(make($0)) } }
    }

    /// `domain` behind labels of up to 63 letters, `length` characters in all.
    static func longDomain(_ domain: String, to length: Int) -> String {
        var labels: [String] = []
        var remaining = length - domain.count
        while remaining > 1 {
            let label = min(63, remaining - 1)
            labels.append(String(repeating: "d", count: label))
            remaining -= label + 1
        }
        // A single character left over cannot be a label and its dot: lengthen the first one.
        if remaining == 1, !labels.isEmpty {
            if labels[0].count < 63 { labels[0] += "d" } else { labels.append("d") }
        }
        return (labels + [domain]).joined(separator: ".")
    }

    /// The fresh name as digits only: every character's code, so distinct names stay distinct.
    static func digits(_ token: String) -> String {
        token.unicodeScalars.map { String($0.value) }.joined()
    }

    /// The name with `x`s after a hyphen, to `length` characters.
    static func padded(_ token: String, to length: Int) -> String {
        let filler = length - token.count - 1
        return filler > 0 ? token + "-" + String(repeating: "x", count: filler) : String(token.prefix(length))
    }
}
