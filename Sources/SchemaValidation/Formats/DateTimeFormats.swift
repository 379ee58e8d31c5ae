/// RFC 3339 dates and times (any number of fraction digits, year 0001, leap seconds) and
/// RFC 3339 durations, checked by hand: exact, and much faster than a date formatter.
enum DateTimeFormats {
    static func isDateTime(_ text: String) -> Bool {
        text.withUTF8Bytes { buffer in
            guard buffer.count >= 20, buffer[10] == UInt8(ascii: "T") || buffer[10] == UInt8(ascii: "t") else { return false }
            let bytes = buffer[...]
            return date(bytes[0..<10]) != nil && time(bytes[11...])
        }
    }

    static func isDate(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in bytes.count == 10 && date(bytes[...]) != nil }
    }

    static func isTime(_ text: String) -> Bool {
        text.withUTF8Bytes { time($0[...]) }
    }

    private static func number<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `YYYY-MM-DD` with a real day of the month.
    private static func date<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> (Int, Int, Int)? where Bytes.Index == Int {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = number(bytes[start..<(start + 4)]),
            let month = number(bytes[(start + 5)..<(start + 7)]),
            let day = number(bytes[(start + 8)..<(start + 10)]),
            (1...12).contains(month), day >= 1
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days =
            switch month {
            case 2: leap ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        return day <= days ? (year, month, day) : nil
    }

    /// `HH:MM:SS[.fraction](Z|±HH:MM)`; second 60 only where UTC says 23:59:60.
    private static func time<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool
    where Bytes.Index == Int, Bytes.SubSequence: Collection<UInt8> {
        var index = bytes.startIndex
        func take(_ count: Int) -> Int? {
            guard index + count <= bytes.endIndex else { return nil }
            defer { index += count }
            return number(bytes[index..<(index + count)])
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let hour = take(2), expect(UInt8(ascii: ":")), let minute = take(2), expect(UInt8(ascii: ":")), let second = take(2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > digitsStart else { return false }
        }
        guard index < bytes.endIndex else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            index += 1
            guard let offsetHour = take(2), expect(UInt8(ascii: ":")), let offsetMinute = take(2), offsetHour <= 23, offsetMinute <= 59 else {
                return false
            }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        default:
            return false
        }
        guard index == bytes.endIndex else { return false }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// RFC 3339 appendix A: `P`, then weeks alone (`P4W`), or date elements then an
    /// optional `T` with time elements; each group a run of its units in order without a
    /// gap (`Y`, `YM`, `YMD`, `M`, `MD`, `D`; `H`, `HM`, `HMS`, `M`, `MS`, `S`), every
    /// element ASCII digits then its unit.
    static func isDuration(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        guard bytes.popFirst() == UInt8(ascii: "P"), !bytes.isEmpty else { return false }
        let timeStart = bytes.firstIndex(of: UInt8(ascii: "T"))
        let datePart = bytes[..<(timeStart ?? bytes.endIndex)]
        if let timeStart {
            let timePart = bytes[(timeStart + 1)...]
            return !timePart.isEmpty && isUnitRun(datePart, units: "YMD") && isUnitRun(timePart, units: "HMS")
        }
        if datePart.last == UInt8(ascii: "W") {
            let digits = datePart.dropLast()
            return !digits.isEmpty && digits.allSatisfy { (0x30...0x39).contains($0) }
        }
        return isUnitRun(datePart, units: "YMD")
    }

    /// Elements (digits and a unit) whose units are consecutive letters of `units`; an
    /// empty text is an empty run.
    private static func isUnitRun(_ text: ArraySlice<UInt8>, units: String) -> Bool {
        let units = Array(units.utf8)
        var expected: Int?
        var digits = 0
        for byte in text {
            if (0x30...0x39).contains(byte) {
                digits += 1
                continue
            }
            guard digits > 0, let position = units.firstIndex(of: byte), expected == nil || expected == position else {
                return false
            }
            expected = position + 1
            digits = 0
        }
        return digits == 0
    }
}
