/// A set of Unicode code points read from one of `IDNATables`' texts: sorted inclusive
/// ranges, looked up by binary search.
struct CodePointSet: Sendable {
    private let ranges: [ClosedRange<UInt32>]

    /// Reads hexadecimal code points (`2d`) and ranges (`30-39`) separated by white space.
    init(_ table: String) {
        ranges = table.split(whereSeparator: \.isWhitespace).map { token in
            let bounds = token.split(separator: "-", maxSplits: 1).map { UInt32($0, radix: 16)! }
            return bounds[0]...(bounds.count == 2 ? bounds[1] : bounds[0])
        }
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value {
                low = middle + 1
            } else if ranges[middle].lowerBound > value {
                high = middle
            } else {
                return true
            }
        }
        return false
    }
}
