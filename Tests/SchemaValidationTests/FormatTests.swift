import SchemaValidation
import Testing

@Suite("Formats are asserted")
struct FormatTests {
    static let cases: [(format: String, valid: [String], invalid: [String])] = [
        (
            "date-time",
            [
                "2024-09-15T12:40:24.256521003Z", "0001-01-01T00:00:00Z", "2024-09-25T12:40:24.254719091Z",
                "1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00", "2024-02-29t10:00:00+01:00", "2024-01-01T00:00:00.1z",
            ],
            [
                "2024-09-15 12:40:24Z", "2024-09-15T12:40:24", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                "1998-12-31T22:59:60Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+0100", "0001-01-01",
            ]
        ),
        ("date", ["2024-02-29", "0001-01-01", "2023-12-31"], ["2023-02-29", "2024-1-01", "2024-04-31", "06/19/1963", "2024-01-01T00:00:00Z"]),
        ("time", ["12:40:24Z", "23:59:60Z", "08:30:06.283185+01:00"], ["12:40:24", "24:00:00Z", "08:30:06 PST", "12:40Z"]),
        ("duration", ["P1D", "PT4H", "P3Y6M4DT12H30M5S", "P4W", "PT0S"], ["P", "PT", "P1DT", "1D", "P1H", "P1W2D", "PT1D", "P1M1Y"]),
        (
            "email",
            [
                "NS05_merchant@yopmail.com", "joe.bloggs@example.com", "te~st@example.com", "\"joe bloggs\"@example.com", "a@[127.0.0.1]",
                "a@[IPv6:::1]",
            ],
            [
                "2962", "joe.bloggs", "@example.com", ".test@example.com", "test.@example.com", "te..st@example.com", "joe@invalid=domain.com",
                "a@[127.0.0.300]",
            ]
        ),
        (
            "hostname", ["example.com", "a", "xn--4gbwdl.xn--wgbh1c", "api-sandbox.sendpro360.pitneybowes.com"],
            ["-a.com", "a-.com", "a_b.com", "", String(repeating: "a", count: 64) + ".com", "a..b"]
        ),
        ("ipv4", ["192.168.0.1", "0.0.0.0", "255.255.255.255"], ["256.1.1.1", "1.2.3", "087.10.0.1", "1.2.3.4.5", "a.b.c.d"]),
        (
            "ipv6", ["::1", "::", "2001:db8::ff00:42:8329", "::ffff:192.168.0.1", "1:2:3:4:5:6:7:8", "fe80::"],
            ["12345::", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2", "::ffff:256.1.1.1", "fe80::1%eth0", "1:2:3:4:5:6:7"]
        ),
        (
            "uri",
            ["https://api-sandbox.sendpro360.pitneybowes.com/developerprofile", "urn:isbn:0451450523", "http://[::1]:8080/a?b=c#d", "mailto:a@b.c"],
            ["/relative/path", "abc", "http://exa mple.com", "http://example.com/%zz", "\\\\WINDOWS\\share", "1http://x"]
        ),
        ("uri-reference", ["/relative/path", "abc", "#fragment", "https://example.com"], ["http://exa mple.com", "%zz", "\\\\WINDOWS"]),
        (
            "uuid", ["2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2EB8AA08-AA98-11EA-B4AA-73B441D16380"],
            ["2eb8aa08aa9811eab4aa73b441d16380", "2eb8aa08-aa98-11ea-b4aa-73b441d1638", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g"]
        ),
        ("regex", ["^[a-z]+$", "\\d{3}"], ["^(abc]", "[z-a]"]),
        ("json-pointer", ["", "/a/b", "/a~0b/~1"], ["a/b", "/a~2", "/~"]),
        ("relative-json-pointer", ["0", "1/a", "2#", "0/"], ["-1", "01", "/a", "1##"]),
        ("byte", ["", "aGVsbG8=", "aGVsbG8gd29ybGQ="], ["aGVsbG8", "a===", "aGVs bG8=", "****"]),
    ]

    @Test("strings, valid and invalid", arguments: cases)
    func strings(format: String, valid: [String], invalid: [String]) {
        let checker = validator(#"{"format": "\#(format)"}"#)
        for text in valid {
            #expect(checker.isValid(.string(text)), "\(format): \(text) should be valid")
        }
        for text in invalid {
            #expect(!checker.isValid(.string(text)), "\(format): \(text) should be invalid")
        }
        // Formats apply to strings only; other types pass.
        #expect(checker.isValid(json("12")))
        // As a JSON Schema 2020-12 annotation (the dialect's default), nothing fails.
        #expect(invalid.allSatisfy { checker.isValid(.string($0), formats: .annotation) })
    }

    @Test(
        "OpenAPI's numeric formats",
        arguments: [
            ("int32", ["0", "-2147483648", "2147483647", "1.0"], ["2147483648", "-2147483649", "1.5"]),
            ("int64", ["9223372036854775807", "-9223372036854775808", "12"], ["9223372036854775808", "-9223372036854775809", "0.5"]),
            // How a number is held, not what it may be: readings differ beyond the range.
            ("float", ["1.5", "3.4e38", "-3.4e38", "3.5e38", "-1e39", "-5.241487295717891e+216"], []),
            ("double", ["1.7976931348623157e308", "1", "1e309"], []),
        ])
    func numbers(format: String, valid: [String], invalid: [String]) {
        let checker = validator(#"{"format": "\#(format)"}"#)
        for text in valid { #expect(checker.isValid(json(text)), "\(format): \(text) should be valid") }
        for text in invalid { #expect(!checker.isValid(json(text)), "\(format): \(text) should be invalid") }
        #expect(checker.isValid(json(#""text""#)))
    }

    @Test("unknown formats are accepted")
    func unknown() {
        #expect(validator(#"{"format": "telephone"}"#).isValid(json(#""not checked""#)))
    }

    @Test("a format error says what was expected and what was found")
    func message() {
        let checker = validator(
            """
            type: object
            properties:
              insertTimestamp: {type: string, format: date-time}
            """)
        #expect(
            checker.validate(json(#"{"insertTimestamp": "2024-09-15 12:40"}"#)).map(\.description) == [
                #"#/insertTimestamp: format: expected an RFC 3339 date-time, found "2024-09-15 12:40" (schema #/properties/insertTimestamp/format at schema.yaml:3:35)"#
            ])
    }
}
