import FoundationEssentials

/// OpenAPI's integer formats (`float` and `double` are not asserted: see `FormatCheck.named`).
enum NumberFormats {
    static func isInteger(_ number: JSONNumber, bits: Int) -> Bool {
        guard number.isInteger else { return false }
        let (low, high) =
            bits == 32
            ? (JSONNumber(Int64(Int32.min)), JSONNumber(Int64(Int32.max)))
            : (JSONNumber(Int64.min), JSONNumber(Int64.max))
        return JSONNumber.compare(number, low) != .orderedAscending && JSONNumber.compare(number, high) != .orderedDescending
    }
}
