import Foundation

/// A JSON number kept exactly: integers that fit in 64 bits as integers, anything else with
/// its literal, so big integers, long decimals, `multipleOf` and int64 bounds are judged
/// without the rounding of a Double.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The value when it is an integer that fits in 64 bits.
    public let int: Int64?
    /// The nearest Double (infinite past Double's range).
    public let double: Double
    /// The literal, for values that are not an `Int64`.
    let literal: String?

    /// An integer.
    public init(_ value: Int64) {
        int = value
        double = Double(value)
        literal = nil
    }

    /// An integer.
    public init(_ value: Int) { self.init(Int64(value)) }

    /// A Double, kept as an integer when it is one.
    public init(_ value: Double) {
        if value.rounded() == value, abs(value) < 9.2e18, let exact = Int64(exactly: value) {
            int = exact
        } else {
            int = nil
        }
        double = value
        literal = int == nil ? "\(value)" : nil
    }

    /// From a JSON (or YAML) number literal; `nil` when it is not one.
    public init?(literal text: String) {
        let isIntegerLiteral = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        if isIntegerLiteral, let exact = Int64(text) {
            int = exact
            double = Double(exact)
            literal = nil
            return
        }
        guard let value = Double(text) else { return nil }
        int = nil
        double = value
        literal = text
    }

    /// Whether the value is a whole number (`1.0` is; JSON Schema counts it as an integer).
    public var isInteger: Bool {
        if int != nil { return true }
        if var decimal, decimal.isFinite {
            var rounded = Decimal()
            NSDecimalRound(&rounded, &decimal, 0, .plain)
            return rounded == decimal
        }
        return double.isFinite && double.rounded() == double
    }

    /// The exact decimal value, when Foundation's Decimal (38 digits, exponent ±127) holds it.
    var decimal: Decimal? {
        if let int { return Decimal(int) }
        guard let literal, let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")),
            !value.isNaN
        else { return nil }
        return value
    }

    /// A Double compares exactly when it has no more digits than a Double keeps.
    private var doubleIsExact: Bool {
        if int != nil { return abs(double) < 9_007_199_254_740_992 }
        guard let literal else { return true }
        let digits = literal.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber).drop { $0 == "0" }
        return digits.count <= 15 && abs(double) < 1e300
    }

    /// Compares by exact value, whatever the representation.
    public static func compare(_ a: JSONNumber, _ b: JSONNumber) -> ComparisonResult {
        if let x = a.int, let y = b.int { return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        if !(a.doubleIsExact && b.doubleIsExact), let x = ExactDecimal(a.description), let y = ExactDecimal(b.description) {
            return ExactDecimal.compare(x, y)
        }
        return a.double < b.double ? .orderedAscending : a.double > b.double ? .orderedDescending : .orderedSame
    }

    /// Whether `self` is an integer multiple of `divisor` (exact for decimals).
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        if let x = int, let y = divisor.int, y != 0 { return x % y == 0 }
        if let x = decimal, let y = divisor.decimal, !y.isZero {
            var quotient = x / y
            if quotient.isFinite {
                var rounded = Decimal()
                NSDecimalRound(&rounded, &quotient, 0, .plain)
                return rounded == quotient
            }
        }
        let quotient = double / divisor.double
        if quotient.isInfinite, isInteger, (1 / divisor.double).rounded() == 1 / divisor.double {
            return true  // a whole number is a multiple of 1/n, however large
        }
        return quotient.isFinite && quotient.rounded() == quotient
    }

    /// The number as JSON text.
    public var description: String {
        if let int { return String(int) }
        if let literal { return literal }
        return "\(double)"
    }
}

extension JSONNumber: Hashable {
    /// Equal by value: `1`, `1.0` and `1e0` are one number.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { compare(lhs, rhs) == .orderedSame }

    /// Hashes as `==` compares.
    public func hash(into hasher: inout Hasher) {
        // Equal numbers have equal Doubles (1 and 1.0 included); zero's sign does not count.
        hasher.combine(double == 0 ? 0 : double)
    }
}

/// A decimal literal as sign, significant digits and exponent: compares any two literals
/// exactly, however many digits they have.
struct ExactDecimal {
    var negative: Bool
    /// Significant digits, no leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// value = 0.digits × 10^magnitude
    var magnitude: Int

    init?(_ literal: String) {
        var text = Substring(literal)
        negative = text.first == "-"
        if negative || text.first == "+" { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...]) else { return nil }
            exponent = value
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let integer = Array(parts[0].utf8)
        let fraction = parts.count == 2 ? Array(parts[1].utf8) : []
        guard (integer + fraction).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var all = (integer + fraction).map { $0 - 0x30 }
        var leading = 0
        while leading < all.count, all[leading] == 0 { leading += 1 }
        all.removeFirst(leading)
        while all.last == 0 { all.removeLast() }
        digits = all
        magnitude = integer.count - leading + exponent
        if digits.isEmpty { negative = false }
    }

    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> ComparisonResult {
        if a.negative != b.negative { return a.negative ? .orderedAscending : .orderedDescending }
        let magnitude = compareMagnitude(a, b)
        return a.negative ? magnitude.reversed : magnitude
    }

    private static func compareMagnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> ComparisonResult {
        if a.digits.isEmpty || b.digits.isEmpty {
            return a.digits.isEmpty == b.digits.isEmpty ? .orderedSame : (a.digits.isEmpty ? .orderedAscending : .orderedDescending)
        }
        if a.magnitude != b.magnitude { return a.magnitude < b.magnitude ? .orderedAscending : .orderedDescending }
        for (x, y) in zip(a.digits, b.digits) where x != y {
            return x < y ? .orderedAscending : .orderedDescending
        }
        return a.digits.count == b.digits.count ? .orderedSame : (a.digits.count < b.digits.count ? .orderedAscending : .orderedDescending)
    }
}

extension ComparisonResult {
    fileprivate var reversed: ComparisonResult {
        switch self {
        case .orderedAscending: .orderedDescending
        case .orderedDescending: .orderedAscending
        case .orderedSame: .orderedSame
        }
    }
}
