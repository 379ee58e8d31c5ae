/// The readings of `format: date-time` and `format: date`, written from their texts,
/// independently of the validator. RFC 3339 itself, and the stricter profiles servers apply
/// within it: each profile accepts a subset of RFC 3339.
enum DateTimeReading: String, CaseIterable {
    /// RFC 3339 section 5.6 `date-time`, with section 5.7's restrictions (days of each month,
    /// leap years; a leap second only at 23:59:60 UTC).
    case rfc3339 = "RFC 3339"
    /// Upper-case `T` and `Z` only, and no leap second: the XML Schema `dateTime` profile.
    case upperCaseNoLeapSecond = "RFC 3339 with upper-case T and Z, no leap second"
    /// At most three fraction digits: ECMAScript's date-time string format (milliseconds).
    case milliseconds = "RFC 3339 with at most 3 fraction digits"

    func accepts(_ text: String) -> Bool {
        guard let parsed = RFC3339DateTime(Array(text.utf8)) else { return false }
        switch self {
        case .rfc3339: return true
        case .upperCaseNoLeapSecond: return parsed.upperCase && parsed.second < 60
        case .milliseconds: return parsed.fractionDigits <= 3
        }
    }

    /// RFC 3339 `full-date`: `date-fullyear "-" date-month "-" date-mday`, the day within its month.
    static func acceptsDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return false }
        return (1...12).contains(month) && (1...daysIn(month: month, year: year)).contains(day)
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// `full-date "T" full-time`, `full-time = partial-time time-offset`, `partial-time =
/// time-hour ":" time-minute ":" time-second [time-secfrac]`, `time-offset = "Z" / time-numoffset`;
/// `T` and `Z` in either case (section 5.6's note on ABNF strings).
struct RFC3339DateTime {
    var second: Int
    var fractionDigits: Int
    var upperCase: Bool

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 20, DateTimeReading.acceptsDate(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = DateTimeReading.number(bytes[11..<13]), let minute = DateTimeReading.number(bytes[14..<16]),
            let second = DateTimeReading.number(bytes[17..<19]), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        var digits = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetMinutes = 0
        var zone = UInt8(ascii: "Z")
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            zone = bytes[index]
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = DateTimeReading.number(bytes[(index + 1)..<(index + 3)]),
                let minutes = DateTimeReading.number(bytes[(index + 4)..<(index + 6)]), hours <= 23, minutes <= 59
            else { return nil }
            offsetMinutes = (hours * 60 + minutes) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        if second == 60 {
            // Section 5.7: a leap second is 23:59:60 in UTC.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            guard utc == 23 * 60 + 59 else { return nil }
        }
        self.second = second
        fractionDigits = digits
        upperCase = separator == UInt8(ascii: "T") && zone != UInt8(ascii: "z")
    }
}

/// RFC 9562 section 4's string form of a UUID: 8-4-4-4-12 hexadecimal digits, "case
/// insensitive on input".
enum UUIDReading {
    static func accepts(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) && $0.allSatisfy(\.isASCII) }
    }
}
