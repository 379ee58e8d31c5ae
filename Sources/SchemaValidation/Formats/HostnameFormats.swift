/// Host names: `hostname` (RFC 1123, with IDNA2008 A-labels) and `idn-hostname` (RFC 5890:
/// U-labels too).
enum HostnameFormats {
    /// Dot-separated labels of letters, digits and inner hyphens, 1 to 63 characters each,
    /// 253 in all, no trailing dot; `--` in the third and fourth positions only in an
    /// A-label (`xn--`), which must be the Punycode of a valid U-label.
    static func isHostname(_ text: String) -> Bool {
        text.withUTF8Bytes { isHostname(bytes: $0) }
    }

    /// Label by label in place: nothing is allocated unless an A-label needs decoding.
    static func isHostname<Bytes: BidirectionalCollection<UInt8>>(bytes: Bytes) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var uLabels: [[Unicode.Scalar]] = []
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
            let label = bytes[start..<end]
            guard isLDHLabel(label) else { return false }
            if hasHyphensAtThreeAndFour(label) {
                guard let uLabel = IDNALabel.uLabel(fromALabel: label) else { return false }
                uLabels.append(uLabel)
            }
            guard end != bytes.endIndex else { break }
            start = bytes.index(after: end)
        }
        return uLabels.allSatisfy(IDNALabel.satisfiesBidiRule)
    }

    /// RFC 1123 section 2.1 (draft-04 and OpenAPI 3.0): dot-separated LDH labels of 1 to 63
    /// characters, 253 in all, no trailing dot. Hyphens may stand anywhere but first and last;
    /// an `xn--` label is an ordinary label here.
    static func isRFC1123Hostname(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard !bytes.isEmpty, bytes.count <= 253 else { return false }
            return bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy(isLDHLabel)
        }
    }

    /// Labels separated by dots (or the ideographic, fullwidth and halfwidth full stops of
    /// RFC 3490 section 3.1): each an LDH label as in `hostname` (A-labels included) or a
    /// U-label; 253 characters in all once U-labels are written as A-labels. Upper-case
    /// ASCII letters are read as lower case, as in the DNS.
    static func isIDNHostname(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let labels = text.unicodeScalars.split(omittingEmptySubsequences: false) { separators.contains($0.value) }
        var length = labels.count - 1
        var uLabels: [[Unicode.Scalar]] = []
        for label in labels {
            if label.allSatisfy(\.isASCII) {
                let bytes = label.map { UInt8($0.value) }
                guard isLDHLabel(bytes[...]) else { return false }
                length += bytes.count
                if hasHyphensAtThreeAndFour(bytes[...]) {
                    guard let uLabel = IDNALabel.uLabel(fromALabel: bytes) else { return false }
                    uLabels.append(uLabel)
                }
            } else {
                let uLabel = label.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value | 0x20)! : $0 }
                let aLabel = IDNALabel.aLabel(for: uLabel)
                guard IDNALabel.isULabel(uLabel), aLabel.utf8.count <= 63 else { return false }
                length += aLabel.utf8.count
                uLabels.append(uLabel)
            }
        }
        return length <= 253 && uLabels.allSatisfy(IDNALabel.satisfiesBidiRule)
    }

    /// FULL STOP, IDEOGRAPHIC FULL STOP, FULLWIDTH FULL STOP, HALFWIDTH IDEOGRAPHIC FULL STOP.
    private static let separators: Set<UInt32> = [0x2E, 0x3002, 0xFF0E, 0xFF61]

    /// 1 to 63 letters, digits and hyphens, no hyphen first or last.
    private static func isLDHLabel<Label: BidirectionalCollection<UInt8>>(_ label: Label) -> Bool {
        guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
            return false
        }
        return label.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// RFC 5891 section 4.2.3.1: `--` here is reserved for A-labels.
    private static func hasHyphensAtThreeAndFour<Label: Collection<UInt8>>(_ label: Label) -> Bool {
        var bytes = label.dropFirst(2).makeIterator()
        return bytes.next() == UInt8(ascii: "-") && bytes.next() == UInt8(ascii: "-")
    }
}
