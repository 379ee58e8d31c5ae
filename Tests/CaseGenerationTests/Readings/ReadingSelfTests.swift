import Testing

/// The readings the claim tests stand on, held to examples from their own texts (RFC 3696's
/// examples, RFC 5322's comments and quoted strings, RFC 3339's leap second, the WHATWG
/// pattern's tolerance of dots).
@Suite("The independent readings themselves")
struct ReadingSelfTests {
    @Test(
        "email grammars",
        arguments: [
            // text, WHATWG, RFC 5321, RFC 5322, RFC 6531
            ("user@example.com", true, true, true, true),
            (".user@example.com", true, false, false, false),
            ("user.@example.com", true, false, false, false),
            ("us..er@example.com", true, false, false, false),
            ("\"us er\"@example.com", false, true, true, true),
            ("(comment)user@example.com", false, false, true, false),
            ("user@example.com ", false, false, true, false),
            ("us er@example.com", false, false, false, false),
            ("Fred\\ Bloggs@example.com", false, false, false, false),
            ("user@[192.0.2.1]", false, true, true, true),
            ("user@example", true, true, true, true),
            ("user@-example.com", false, false, true, false),
            ("zoë@example.com", false, false, false, true),
            ("user@bücher.example", false, false, false, true),
            (String(repeating: "a", count: 64) + "@example.com", true, true, true, true),
            (String(repeating: "a", count: 65) + "@example.com", true, false, true, false),
            ("a@b@example.com", false, false, false, false),
            ("\"a@b\"@example.com", false, true, true, true),
            ("\"a\u{01}b\"@example.com", false, false, true, false),
            ("user@[a\\]b]", false, false, true, false),
            ("user\r\n @example.com", false, false, true, false),
            ("user\r\n@example.com", false, false, false, false),
        ])
    func email(text: String, whatwg: Bool, rfc5321: Bool, rfc5322: Bool, rfc6531: Bool) {
        #expect(EmailReading.whatwg.accepts(text) == whatwg, "WHATWG")
        #expect(EmailReading.rfc5321.accepts(text) == rfc5321, "RFC 5321")
        #expect(EmailReading.rfc5322.accepts(text) == rfc5322, "RFC 5322")
        #expect(EmailReading.rfc6531.accepts(text) == rfc6531, "RFC 6531")
    }

    @Test(
        "date-times",
        arguments: [
            // text, RFC 3339, upper case and no leap second, milliseconds
            ("2024-09-15T12:40:24Z", true, true, true),
            ("2024-09-15T12:40:24.256Z", true, true, true),
            ("2024-09-15T12:40:24.256521003Z", true, true, false),
            ("2024-09-15t12:40:24z", true, false, true),
            ("2016-12-31T23:59:60Z", true, false, true),
            ("2016-12-31T18:59:60-05:00", true, false, true),
            ("2016-12-31T12:00:60Z", false, false, false),
            ("2023-02-29T00:00:00Z", false, false, false),
            ("2024-02-29T00:00:00Z", true, true, true),
            ("2024-09-15T12:40:24", false, false, false),
            ("2024-09-15 12:40:24Z", false, false, false),
            ("2024-09-15T12:40:24.Z", false, false, false),
            ("2024-09-15T24:00:00Z", false, false, false),
        ])
    func dateTime(text: String, rfc3339: Bool, upperCase: Bool, milliseconds: Bool) {
        #expect(DateTimeReading.rfc3339.accepts(text) == rfc3339, "RFC 3339")
        #expect(DateTimeReading.upperCaseNoLeapSecond.accepts(text) == upperCase, "upper case, no leap second")
        #expect(DateTimeReading.milliseconds.accepts(text) == milliseconds, "milliseconds")
    }

    @Test(
        "number literals as integers",
        arguments: [
            // literal, draft-04, 2020-12, its digits when whole
            ("10", true, true, "10"), ("-0", true, true, "0"), ("10.0", false, true, "10"), ("1e2", false, true, "100"),
            ("135e-1", false, false, nil), ("1.5e1", false, true, "15"), ("1e400", false, true, "1" + String(repeating: "0", count: 400)),
            ("0.001", false, false, nil), ("2147483648", true, true, "2147483648"),
        ] as [(String, Bool, Bool, String?)])
    func integers(literal: String, draft4: Bool, draft2020: Bool, digits: String?) throws {
        let number = try #require(NumberLiteral(literal))
        #expect(IntegerReading.draft4.accepts(number) == draft4)
        #expect(IntegerReading.draft2020.accepts(number) == draft2020)
        #expect(number.integerDigits == digits)
    }

    @Test("whole numbers compare exactly with bounds")
    func comparisons() throws {
        #expect(try #require(NumberLiteral("9223372036854775808")).compare(to: Int.max) == 1)
        #expect(try #require(NumberLiteral("9223372036854775807")).compare(to: Int.max) == 0)
        #expect(try #require(NumberLiteral("-9223372036854775809")).compare(to: Int.min) == -1)
        #expect(try #require(NumberLiteral("-1")).compare(to: 0) == -1)
        #expect(try #require(NumberLiteral("1e2")).compare(to: 100) == 0)
    }
}
