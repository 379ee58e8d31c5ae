import Foundation

/// The IDNA2008 rules for one label: a U-label (RFC 5891 section 5.4, RFC 5892 with its
/// contextual rules), an A-label (RFC 5890: `xn--` and the Punycode of a U-label), and
/// the Bidi rule (RFC 5893).
enum IDNALabel {
    /// An `xn--` label whose Punycode decodes to a valid U-label and encodes back to the
    /// same text. Returns the U-label, or nil when the label is not an A-label.
    static func uLabel(fromALabel label: some Collection<UInt8>) -> [Unicode.Scalar]? {
        let lowered = label.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        guard lowered.count > 4, lowered.starts(with: Array("xn--".utf8)),
            let decoded = Punycode.decode(lowered.dropFirst(4)),
            decoded.contains(where: { !$0.isASCII }),
            Array(Punycode.encode(decoded).utf8) == Array(lowered.dropFirst(4)),
            isULabel(decoded)
        else { return nil }
        return decoded
    }

    /// The A-label that stands for a U-label, in lower case.
    static func aLabel(for uLabel: [Unicode.Scalar]) -> String {
        "xn--" + Punycode.encode(uLabel)
    }

    /// A label of code points IDNA2008 permits: in NFC, no `--` in the third and fourth
    /// positions, no hyphen at either end, no combining mark first, every code point
    /// PVALID or a contextual one whose rule holds.
    static func isULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        if isCombiningMark(first) { return false }
        for index in label.indices {
            let scalar = label[index]
            if IDNAProperties.pvalid.contains(scalar) { continue }
            if IDNAProperties.contextJ.contains(scalar), joinerAllowed(at: index, in: label) { continue }
            if IDNAProperties.contextO.contains(scalar), contextualAllowed(at: index, in: label) { continue }
            return false
        }
        return isNFC(label)
    }

    /// RFC 5893's six conditions, for a label holding a right-to-left character (R, AL)
    /// or an Arabic number (AN); other labels pass.
    static func satisfiesBidiRule(_ label: [Unicode.Scalar]) -> Bool {
        let classes = label.map(IDNAProperties.bidiClass(of:))
        guard classes.contains(where: { $0 == .r || $0 == .al || $0 == .an }) else { return true }
        let significant = classes.reversed().drop { $0 == .nsm }
        guard let end = significant.first else { return false }
        switch classes.first {
        case .r, .al:
            let allowed: Set<BidiClass> = [.r, .al, .an, .en, .es, .cs, .et, .on, .bn, .nsm]
            return classes.allSatisfy(allowed.contains)
                && [.r, .al, .en, .an].contains(end)
                && !(classes.contains(.en) && classes.contains(.an))
        case .l:
            let allowed: Set<BidiClass> = [.l, .en, .es, .cs, .et, .on, .bn, .nsm]
            return classes.allSatisfy(allowed.contains) && [.l, .en].contains(end)
        default:
            return false
        }
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static func isNFC(_ label: [Unicode.Scalar]) -> Bool {
        guard label.contains(where: { !$0.isASCII }) else { return true }
        var text = ""
        text.unicodeScalars.append(contentsOf: label)
        return Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == label
    }

    /// RFC 5892 appendix A.1 and A.2: ZERO WIDTH NON-JOINER and JOINER after a virama;
    /// the non-joiner also between a left- or dual-joining letter and a right- or
    /// dual-joining one, transparent letters between.
    private static func joinerAllowed(at index: Int, in label: [Unicode.Scalar]) -> Bool {
        if index > 0, label[index - 1].properties.canonicalCombiningClass == .virama { return true }
        guard label[index] == "\u{200C}" else { return false }
        let before = label[..<index].reversed().first { IDNAProperties.joiningType(of: $0) != .transparent }
        let after = label[(index + 1)...].first { IDNAProperties.joiningType(of: $0) != .transparent }
        guard let before, let after else { return false }
        let left = IDNAProperties.joiningType(of: before)
        let right = IDNAProperties.joiningType(of: after)
        return (left == .left || left == .dual) && (right == .right || right == .dual)
    }

    /// RFC 5892 appendix A.3 to A.9.
    private static func contextualAllowed(at index: Int, in label: [Unicode.Scalar]) -> Bool {
        let scalar = label[index]
        let previous = index > 0 ? label[index - 1] : nil
        let next = index + 1 < label.count ? label[index + 1] : nil
        switch scalar.value {
        case 0x00B7:
            return previous == "l" && next == "l"
        case 0x0375:
            return next.map(IDNAProperties.greek.contains) ?? false
        case 0x05F3, 0x05F4:
            return previous.map(IDNAProperties.hebrew.contains) ?? false
        case 0x30FB:
            return label.contains {
                $0 != scalar
                    && (IDNAProperties.hiragana.contains($0)
                        || IDNAProperties.katakana.contains($0) || IDNAProperties.han.contains($0))
            }
        case 0x0660...0x0669:
            return !label.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9:
            return !label.contains { (0x0660...0x0669).contains($0.value) }
        default:
            return false
        }
    }
}
