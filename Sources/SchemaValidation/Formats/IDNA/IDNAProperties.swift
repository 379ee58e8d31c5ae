/// The Unicode properties IDNA2008 needs beyond the standard library's: each code point's
/// IDNA class (RFC 5892), bidi class (RFC 5893), joining type and a few scripts (RFC 5892
/// appendix A), from the generated `IDNATables`.
enum IDNAProperties {
    static let pvalid = CodePointSet(IDNATables.pvalid)
    static let contextJ = CodePointSet(IDNATables.contextJ)
    static let contextO = CodePointSet(IDNATables.contextO)

    private static let bidiSets = IDNATables.bidiClasses.map { (bidiClass: $0.bidiClass, set: CodePointSet($0.table)) }
    private static let dualJoining = CodePointSet(IDNATables.joiningD)
    private static let leftJoining = CodePointSet(IDNATables.joiningL)
    private static let rightJoining = CodePointSet(IDNATables.joiningR)
    private static let transparent = CodePointSet(IDNATables.joiningT)
    static let greek = CodePointSet(IDNATables.scriptGreek)
    static let hebrew = CodePointSet(IDNATables.scriptHebrew)
    static let hiragana = CodePointSet(IDNATables.scriptHiragana)
    static let katakana = CodePointSet(IDNATables.scriptKatakana)
    static let han = CodePointSet(IDNATables.scriptHan)

    /// The bidi class of a code point a label may hold (PVALID or contextual).
    static func bidiClass(of scalar: Unicode.Scalar) -> BidiClass {
        bidiSets.first { $0.set.contains(scalar) }?.bidiClass ?? .l
    }

    static func joiningType(of scalar: Unicode.Scalar) -> JoiningType {
        if dualJoining.contains(scalar) { return .dual }
        if leftJoining.contains(scalar) { return .left }
        if rightJoining.contains(scalar) { return .right }
        if transparent.contains(scalar) { return .transparent }
        return .other
    }
}

/// Unicode's Bidi_Class values a label's code points can have (UAX #9).
enum BidiClass: Sendable {
    case l, r, al, an, en, es, cs, et, on, bn, nsm
}

/// Unicode's Joining_Type as RFC 5892's ZERO WIDTH NON-JOINER rule reads it.
enum JoiningType: Sendable {
    case dual, left, right, transparent, other
}
