/// Header names compared as HTTP compares them: ASCII letters without case. One rule for the
/// mock reading requests and the runner reading answers.
public enum HeaderName {
    /// Whether two names are one header name.
    public static func equal(_ first: String, _ second: String) -> Bool {
        first.utf8.count == second.utf8.count
            && zip(first.utf8, second.utf8).allSatisfy { lower($0) == lower($1) }
    }

    /// The first field of that name (in any case) in a list of fields.
    public static func value(of name: String, in fields: [(name: String, value: String)]) -> String? {
        fields.first { equal($0.name, name) }?.value
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}
