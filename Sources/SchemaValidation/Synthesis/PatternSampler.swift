/// Texts that a regular expression (`pattern`) matches, built from the pattern itself: literal
/// characters, escapes (`\d`, `\w`, `\s`, `\.`), classes (`[A-Fa-f0-9]`, `[^,]`), groups and
/// alternatives (the first branch), and quantifiers (`?`, `*`, `+`, `{n}`, `{n,m}`). Anchors are
/// dropped. Patterns with look-arounds or back-references give nothing: the caller falls back.
struct PatternSampler {
    /// One element of a pattern with how often it repeats.
    private indirect enum Node {
        case character(Character)
        case set(Character)
        case group([[Node]])
        case repeated(Node, minimum: Int, maximum: Int?)
    }

    private let branches: [[Node]]

    init?(_ pattern: String) {
        var parser = Parser(Array(pattern))
        guard let branches = parser.alternatives(), parser.atEnd else { return nil }
        self.branches = branches
    }

    /// A matching text, with every unbounded repetition taken `extra` more times than its
    /// minimum (so a caller can grow the text toward a `minLength`).
    func sample(extra: Int = 0) -> String {
        Self.text(branches.first ?? [], extra: extra)
    }

    private static func text(_ nodes: [Node], extra: Int) -> String {
        nodes.map { text($0, extra: extra) }.joined()
    }

    private static func text(_ node: Node, extra: Int) -> String {
        switch node {
        case .character(let character), .set(let character):
            String(character)
        case .group(let branches):
            text(branches.first ?? [], extra: extra)
        case .repeated(let inner, let minimum, let maximum):
            String(repeating: text(inner, extra: extra), count: min(minimum + (maximum == nil ? extra : 0), maximum ?? Int.max))
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        init(_ characters: [Character]) {
            self.characters = characters
        }

        var atEnd: Bool { index >= characters.count }
        var current: Character? { atEnd ? nil : characters[index] }

        mutating func alternatives() -> [[Node]]? {
            var branches: [[Node]] = []
            var branch: [Node] = []
            while let character = current, character != ")" {
                if character == "|" {
                    branches.append(branch)
                    branch = []
                    index += 1
                    continue
                }
                guard let atom = atom() else { return nil }
                if let atom { branch.append(quantified(atom) ?? atom) }
            }
            branches.append(branch)
            return branches
        }

        /// One atom; `.some(nil)` for an anchor, `nil` for what this sampler cannot read.
        mutating func atom() -> Node?? {
            guard let character = current else { return nil }
            index += 1
            switch character {
            case "^", "$": return .some(nil)
            case ".": return .set("a")
            case "(":
                if current == "?" {
                    guard index + 1 < characters.count, characters[index + 1] == ":" else { return nil }
                    index += 2
                }
                guard let branches = alternatives(), current == ")" else { return nil }
                index += 1
                return .group(branches)
            case "[": return characterClass().map(Node.set)
            case "\\": return escape().map(Node.character)
            case "*", "+", "?", "{", ")", "|": return nil
            default: return .character(character)
            }
        }

        mutating func escape() -> Character? {
            guard let character = current else { return nil }
            index += 1
            switch character {
            case "d": return "1"
            case "w": return "a"
            case "s": return " "
            case "D", "W", "S": return "-"
            case "b", "B": return nil
            case "n": return "\n"
            case "t": return "\t"
            case "1"..."9": return nil
            default: return character
            }
        }

        /// The first character a class allows: its first member, or for `[^...]` the first
        /// of a few common characters it does not exclude.
        mutating func characterClass() -> Character? {
            var negated = false
            if current == "^" {
                negated = true
                index += 1
            }
            var members: [(Character, Character)] = []
            var first = true
            while let character = current, character != "]" || first {
                first = false
                index += 1
                var low = character
                if character == "\\" {
                    guard let escaped = escape() else { return nil }
                    low = escaped
                }
                if current == "-", index + 1 < characters.count, characters[index + 1] != "]" {
                    index += 1
                    var high = characters[index]
                    index += 1
                    if high == "\\" {
                        guard let escaped = escape() else { return nil }
                        high = escaped
                    }
                    members.append((low, high))
                } else {
                    members.append((low, low))
                }
            }
            guard current == "]" else { return nil }
            index += 1
            if !negated { return members.first?.0 }
            return Array("aA1-_ .x").first { candidate in !members.contains { $0.0 <= candidate && candidate <= $0.1 } }
        }

        mutating func quantified(_ node: Node) -> Node? {
            guard let character = current else { return nil }
            var result: Node?
            switch character {
            case "?": result = .repeated(node, minimum: 0, maximum: 1)
            case "*": result = .repeated(node, minimum: 0, maximum: nil)
            case "+": result = .repeated(node, minimum: 1, maximum: nil)
            case "{":
                guard let close = characters[index...].firstIndex(of: "}") else { return nil }
                let bounds = String(characters[(index + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                guard let minimum = bounds.first.flatMap({ Int($0) }) else { return nil }
                let maximum = bounds.count == 1 ? minimum : Int(bounds[1])
                index = close
                result = .repeated(node, minimum: minimum, maximum: maximum)
            default: return nil
            }
            index += 1
            if current == "?" { index += 1 }  // lazy: the same texts match
            return result
        }
    }
}
