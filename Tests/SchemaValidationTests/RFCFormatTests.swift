import Testing

@testable import SchemaValidation

/// One value of a format, valid or not, and the rule of its RFC that decides it.
struct FormatCase: CustomTestStringConvertible, Sendable {
    let format: String
    let value: String
    let valid: Bool
    let rule: String

    var testDescription: String { "\(format) \(valid ? "accepts" : "refuses") \(value.debugDescription): \(rule)" }

    static func valid(_ format: String, _ value: String, _ rule: String) -> FormatCase {
        FormatCase(format: format, value: value, valid: true, rule: rule)
    }

    static func invalid(_ format: String, _ value: String, _ rule: String) -> FormatCase {
        FormatCase(format: format, value: value, valid: false, rule: rule)
    }
}

@Suite("Formats as their RFCs define them")
struct RFCFormatTests {
    static let durations: [FormatCase] = [
        .valid("duration", "P1Y2M3D", "dur-year = 1*DIGIT \"Y\" [dur-month], dur-month = 1*DIGIT \"M\" [dur-day]"),
        .valid("duration", "P2M", "dur-month alone"),
        .valid("duration", "P1M2D", "dur-month then dur-day"),
        .valid("duration", "P0D", "dur-day alone, zero"),
        .valid("duration", "PT1H2M3S", "dur-hour = 1*DIGIT \"H\" [dur-minute]"),
        .valid("duration", "PT2M3S", "dur-minute then dur-second"),
        .valid("duration", "PT36H", "hours need not be below 24"),
        .valid("duration", "P1YT1S", "dur-date [dur-time]: any date run, then any time run"),
        .valid("duration", "P4W", "dur-week"),
        .invalid("duration", "P1Y2D", "days after years need the months between"),
        .invalid("duration", "PT1H2S", "seconds after hours need the minutes between"),
        .invalid("duration", "P2D1Y", "units in order"),
        .invalid("duration", "P1Y1Y", "each unit once"),
        .invalid("duration", "PT1M1H", "time units in order"),
        .invalid("duration", "P1W2D", "dur-week stands alone"),
        .invalid("duration", "P1DT", "T needs a time element after it"),
        .invalid("duration", "PT", "no element"),
        .invalid("duration", "P", "no element"),
        .invalid("duration", "P1.5D", "DIGIT only: no fractions"),
        .invalid("duration", "P-1D", "DIGIT only: no sign"),
        .invalid("duration", "p1d", "the designators are upper case"),
        .invalid("duration", "P\u{FF11}D", "DIGIT is ASCII"),
        .invalid("duration", "PT1D", "days are not a time unit"),
    ]

    static let hostnames: [FormatCase] = [
        .valid("hostname", "example.com", "LDH labels"),
        .valid("hostname", "a", "one label"),
        .valid("hostname", "1.2.3.example", "labels may start with a digit (RFC 1123)"),
        .valid("hostname", String(repeating: "a", count: 63) + ".com", "a label of 63 octets"),
        .valid(
            "hostname", Array(repeating: String(repeating: "a", count: 62), count: 4).joined(separator: ".") + ".a",
            "253 octets in all"),
        .valid("hostname", "xn--bcher-kva.example", "A-label of bücher"),
        .valid("hostname", "XN--BCHER-KVA.example", "A-labels are compared without case"),
        .valid("hostname", "xn--zca", "A-label of ß, PVALID in IDNA2008"),
        .valid("hostname", "xn--ihqwcrb4cv8a8dqg056pqjye", "RFC 3492 sample (B), Chinese"),
        .valid("hostname", "xn--4dbc.example", "A-label of a Hebrew label that keeps the Bidi rule"),
        .invalid("hostname", "example.com.", "no trailing dot"),
        .invalid("hostname", ".example.com", "no empty label"),
        .invalid("hostname", "", "no empty name"),
        .invalid("hostname", String(repeating: "a", count: 64) + ".com", "a label of 64 octets"),
        .invalid(
            "hostname", Array(repeating: String(repeating: "a", count: 62), count: 4).joined(separator: ".") + ".ab",
            "254 octets in all"),
        .invalid("hostname", "-a.com", "no leading hyphen"),
        .invalid("hostname", "a-.com", "no trailing hyphen"),
        .invalid("hostname", "ab--cd.example", "-- in the third and fourth positions is for A-labels only"),
        .invalid("hostname", "xn--x", "not Punycode: the number runs out"),
        .invalid("hostname", "xn--abc-", "Punycode of ASCII only is not an A-label"),
        .invalid("hostname", "xn--", "nothing after the prefix"),
        .invalid("hostname", "xn--wca", "the U-label Ü is DISALLOWED (it changes under case folding)"),
        .invalid("hostname", "xn--vuh", "the U-label ⓐ is DISALLOWED (it changes under NFKC)"),
        .invalid("hostname", "xn--ab-t0x", "the U-label a♥b is DISALLOWED"),
        .invalid("hostname", "xn--example-tge", "the U-label e + combining acute is not in NFC"),
        .invalid("hostname", "xn--a-ubb", "the U-label starts with a combining mark"),
        .invalid("hostname", "xn--a-zhc", "the U-label אa breaks the Bidi rule (L in a right-to-left label)"),
        .invalid("hostname", "xn--11b2er09f", "ZERO WIDTH JOINER not after a virama (CONTEXTJ)"),
        .invalid("hostname", "xn--al-0ea", "MIDDLE DOT not between two l (CONTEXTO)"),
        .invalid("hostname", "xn--bcher-kvb", "Punycode that decodes to another label than it encodes"),
        .invalid("hostname", "bücher.example", "hostname is ASCII: U-labels are idn-hostname's"),
        .invalid("hostname", "a_b.com", "no underscore"),
    ]

    static let idnHostnames: [FormatCase] = [
        .valid("idn-hostname", "bücher.example", "U-label of PVALID code points"),
        .valid("idn-hostname", "例え.テスト", "Han, Hiragana and Katakana"),
        .valid("idn-hostname", "例え。テスト", "IDEOGRAPHIC FULL STOP separates labels (RFC 3490 section 3.1)"),
        .valid("idn-hostname", "실례.테스트", "Hangul syllables"),
        .valid("idn-hostname", "مثال.إختبار", "Arabic labels keeping the Bidi rule"),
        .valid("idn-hostname", "xn--bcher-kva.example", "A-labels as in hostname"),
        .valid("idn-hostname", "Bücher.example", "upper-case ASCII is read as lower case, as in the DNS"),
        .valid("idn-hostname", "col\u{B7}legi.cat", "MIDDLE DOT between two l (RFC 5892 A.3)"),
        .valid("idn-hostname", "\u{3B1}\u{375}\u{3B2}", "KERAIA before a Greek letter (A.4)"),
        .valid("idn-hostname", "\u{5D0}\u{5F3}", "GERESH after a Hebrew letter (A.5)"),
        .valid("idn-hostname", "\u{30A2}\u{30FB}\u{30A4}", "KATAKANA MIDDLE DOT with Katakana (A.7)"),
        .valid("idn-hostname", "\u{628}\u{660}\u{661}", "Arabic-Indic digits without extended ones (A.8)"),
        .valid("idn-hostname", "\u{628}\u{6F0}\u{6F1}", "extended Arabic-Indic digits without the others (A.9)"),
        .valid("idn-hostname", "\u{915}\u{94D}\u{200D}\u{937}", "ZERO WIDTH JOINER after a virama (A.2)"),
        .valid("idn-hostname", "\u{915}\u{94D}\u{200C}\u{937}", "ZERO WIDTH NON-JOINER after a virama (A.1)"),
        .valid("idn-hostname", "\u{628}\u{200C}\u{628}", "ZERO WIDTH NON-JOINER between dual-joining letters (A.1)"),
        .valid("idn-hostname", "\u{5D0}1", "a right-to-left label may end in a European digit (RFC 5893 rule 3)"),
        .valid("idn-hostname", "ß.example", "ß is PVALID"),
        .invalid("idn-hostname", "a\u{B7}l", "MIDDLE DOT not between two l"),
        .invalid("idn-hostname", "\u{3B1}\u{375}s", "KERAIA before a Latin letter"),
        .invalid("idn-hostname", "\u{3B1}\u{375}", "KERAIA at the end"),
        .invalid("idn-hostname", "\u{5F3}\u{5D1}", "GERESH with no Hebrew letter before it"),
        .invalid("idn-hostname", "def\u{30FB}abc", "KATAKANA MIDDLE DOT with no Hiragana, Katakana or Han"),
        .invalid("idn-hostname", "\u{628}\u{660}\u{6F0}", "both kinds of Arabic-Indic digits (A.8, A.9)"),
        .invalid("idn-hostname", "\u{915}\u{200D}\u{937}", "ZERO WIDTH JOINER not after a virama"),
        .invalid("idn-hostname", "\u{627}\u{200C}\u{628}", "ZERO WIDTH NON-JOINER after a right-joining letter"),
        .invalid("idn-hostname", "\u{300}a", "a combining mark first (RFC 5891 section 5.4)"),
        .invalid("idn-hostname", "\u{302E}", "HANGUL SINGLE DOT TONE MARK, a combining mark, first"),
        .invalid("idn-hostname", "e\u{301}xample", "not in NFC"),
        .invalid("idn-hostname", "BÜCHER.example", "Ü is DISALLOWED: only ASCII is read without case"),
        .invalid("idn-hostname", "ｅｘａｍｐｌｅ", "fullwidth letters are DISALLOWED"),
        .invalid("idn-hostname", "a\u{2665}b", "a symbol is DISALLOWED"),
        .invalid("idn-hostname", "1\u{5D0}", "a right-to-left label must not start with a digit (RFC 5893 rule 1)"),
        .invalid("idn-hostname", "\u{5D0}a", "no L in a right-to-left label (rule 2)"),
        .invalid("idn-hostname", "a\u{5D0}", "no R in a left-to-right label (rule 5)"),
        .invalid("idn-hostname", "\u{628}\u{660}1", "Arabic and European digits together (rule 4)"),
        .invalid("idn-hostname", "ab--ü", "-- in the third and fourth positions"),
        .invalid("idn-hostname", "-ü", "a leading hyphen"),
        .invalid("idn-hostname", String(repeating: "ü", count: 60), "its A-label is longer than 63 octets"),
        .invalid("idn-hostname", "bücher.example.", "no trailing dot"),
        .invalid("idn-hostname", "xn--wca", "an A-label of a DISALLOWED U-label"),
        .invalid("idn-hostname", "", "no empty name"),
    ]

    static let emails: [FormatCase] = [
        .valid("email", "joe@example.com", "dot-atom @ hostname"),
        .valid("email", "\"joe \\\"the\\\" bloggs\"@example.com", "quoted-pair in a quoted local part"),
        .valid("email", "joe@xn--bcher-kva.example", "an A-label domain"),
        .invalid("email", "joe@example.com.", "the domain is a hostname: no trailing dot"),
        .invalid("email", "jöe@example.com", "non-ASCII is RFC 6531's"),
        .invalid("email", "joe@bücher.example", "a U-label domain is RFC 6531's"),
        .invalid("email", "\"joe\\\"@example.com", "a quoted string's last quote escaped"),
        .valid("idn-email", "квіточка@пошта.укр", "UTF-8 local part and U-label domain (RFC 6531)"),
        .valid("idn-email", "用户@例子.广告", "Han local part and domain"),
        .valid("idn-email", "jöe@example.com", "non-ASCII local part"),
        .valid("idn-email", "joe@[127.0.0.1]", "address literal"),
        .valid("idn-email", "jöe@[IPv6:::1]", "address literal after a non-ASCII local part"),
        .invalid("idn-email", "квіточка@", "no domain"),
        .invalid("idn-email", "@пошта.укр", "no local part"),
        .invalid("idn-email", "jo e@example.com", "space outside quotes"),
        .invalid("idn-email", "joe@BÜCHER.example", "the domain is not a valid idn-hostname"),
        .invalid("idn-email", "joe@a\u{B7}l.example", "the domain breaks a CONTEXTO rule"),
    ]

    @Test("each case", arguments: durations + hostnames + idnHostnames + emails)
    func decides(_ formatCase: FormatCase) {
        let checker = validator(#"{"format": "\#(formatCase.format)"}"#)
        #expect(checker.isValid(.string(formatCase.value)) == formatCase.valid)
    }

    @Test(
        "Punycode: RFC 3492's samples both ways",
        arguments: [
            (
                "\u{644}\u{64A}\u{647}\u{645}\u{627}\u{628}\u{62A}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64A}\u{61F}",
                "egbpdaj6bu4bxfgehfvwxn"
            ),
            ("\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}", "ihqwcrb4cv8a8dqg056pqjye"),
            ("3\u{5E74}B\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}", "3B-ww4c5e180e575a65lsy2b"),
            ("-> $1.00 <-", "-> $1.00 <--"),
        ])
    func punycode(decoded: String, encoded: String) {
        let scalars = Array(decoded.unicodeScalars)
        #expect(Punycode.encode(scalars) == encoded)
        #expect(Punycode.decode(Array(encoded.utf8)) == scalars)
    }

    @Test(
        "format messages name the RFC form",
        arguments: [
            ("hostname", "a hostname (RFC 1123, IDNA2008 A-labels)"),
            ("idn-hostname", "an internationalized hostname (IDNA2008)"),
            ("idn-email", "an internationalized email address (RFC 6531)"),
            ("duration", "an RFC 3339 duration (e.g. P3DT4H)"),
        ])
    func messages(format: String, expectation: String) {
        let checker = validator(#"{"format": "\#(format)"}"#)
        #expect(
            checker.validate(.string("-")).map(\.description) == [
                #"#: format: expected \#(expectation), found "-" (schema #/format at schema.yaml:1:2)"#
            ])
    }
}
