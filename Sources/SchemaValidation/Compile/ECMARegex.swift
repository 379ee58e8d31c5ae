import Foundation

/// Compiles ECMA-262 regular expressions (the dialect JSON Schema's `pattern` is written in)
/// with ICU's engine, translating where the two differ: `\d` and `\w` are ASCII-only, `\s` is
/// ECMA's whitespace set, and `$` means the end of the text only.
enum ECMARegex {
    struct Failure: Error {
        var reason: String
    }

    private static let whitespace = #"\t\n\u000B\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF"#

    static func compile(_ pattern: String) throws(Failure) -> CompiledPattern {
        do {
            let expression = try NSRegularExpression(pattern: translate(pattern), options: [])
            return CompiledPattern(source: pattern, expression: expression)
        } catch {
            throw Failure(reason: "it is not a valid regular expression")
        }
    }

    /// ICU syntax with ECMA-262 meaning.
    static func translate(_ pattern: String) -> String {
        var output = ""
        var inClass = false
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\\":
                guard let escaped = characters.next() else {
                    output.append("\\")
                    continue
                }
                switch (escaped, inClass) {
                case ("d", false): output += "[0-9]"
                case ("d", true): output += "0-9"
                case ("D", false): output += "[^0-9]"
                case ("D", true): output += "[^0-9]"
                case ("w", false): output += "[a-zA-Z0-9_]"
                case ("w", true): output += "a-zA-Z0-9_"
                case ("W", false): output += "[^a-zA-Z0-9_]"
                case ("W", true): output += "[^a-zA-Z0-9_]"
                case ("s", false): output += "[\(whitespace)]"
                case ("s", true): output += whitespace
                case ("S", false): output += "[^\(whitespace)]"
                case ("S", true): output += "[^\(whitespace)]"
                default:
                    output.append("\\")
                    output.append(escaped)
                }
            case "[" where !inClass:
                inClass = true
                output.append("[")
                // `[]` matches nothing and `[^]` anything in ECMA; ICU rejects both.
                var lookahead = characters
                if lookahead.next() == "]" {
                    _ = characters.next()
                    output = String(output.dropLast()) + "(?!)"
                    inClass = false
                }
            case "[" where inClass:
                output += "\\["  // a literal in an ECMA class; a nested set in ICU
            case "]" where inClass:
                inClass = false
                output.append("]")
            case "$" where !inClass:
                output += "(?![\\s\\S])"
            default:
                output.append(character)
            }
        }
        return output
    }
}
