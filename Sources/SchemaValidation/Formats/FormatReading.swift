/// How a validation reads `format`: as an annotation, by the validator's one reading of each
/// format, or by every reading the gate documents.
public enum FormatReading: Sendable, Hashable {
    /// Formats only annotate (JSON Schema 2020-12's default); a schema whose dialect turns the
    /// format-assertion vocabulary on is still held to them, by the strict reading.
    case annotation
    /// One reading per format, the one the JSON Schema Test Suite holds: what the mock enforces
    /// on what it is sent, and what case generation builds values by.
    case strict
    /// A value passes when any reading the gate documents accepts it (for `email`: WHATWG,
    /// RFC 5321, RFC 5322 and RFC 6531; for `hostname`: RFC 1123 and IDNA2008). How answers
    /// and recorded traffic are judged: a server that reads a format by any one of them is
    /// faithful, so what the gate may send as "either" it must admit when an answer carries it.
    case anyReading
}
