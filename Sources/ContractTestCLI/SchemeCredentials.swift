/// `--credential SCHEME=VALUE`, read one way for every command that takes it: `run` names the
/// variable holding the scheme's secret, `mock` the secret it accepts.
enum SchemeCredentials {
    /// The scheme and value of one argument; `nil` unless it is `SCHEME=VALUE` with a scheme
    /// (the value may be empty; the first `=` splits).
    static func pair(_ argument: String) -> (scheme: String, value: String)? {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// Every argument's value by scheme, a later one winning; arguments that are not pairs
    /// (refused by the command's validation first) are left out.
    static func byScheme(_ arguments: [String]) -> [String: String] {
        Dictionary(arguments.compactMap(pair), uniquingKeysWith: { $1 })
    }
}
