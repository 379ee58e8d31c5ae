import YAMLSource

extension Diagnostic {
    /// `not JSON: expected a value at line 1, column 5`: how the mock and the checks say
    /// that a body the JSON parser refused is not JSON, and where it breaks.
    public var notJSONReason: String {
        "not JSON: \(message) at line \(mark?.line ?? 1), column \(mark?.column ?? 1)"
    }
}
