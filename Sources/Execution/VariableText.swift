import OpenAPIModel

/// A text that takes parts of its value from environment variables: `${NAME}` stands for the
/// variable's value (`$${` writes `${` itself). Used wherever a value may be a secret kept out
/// of files and command lines: extra headers and the configuration file. A text with a
/// variable in it counts as secret: it is shown with `[REDACTED]` for each variable.
public struct VariableText: Sendable, Hashable, CustomStringConvertible {
    /// A run of the text: written out, or a variable's value.
    public enum Piece: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    /// The text's runs, in order.
    public var pieces: [Piece]

    /// Why a text cannot be read, and the character offset where it goes wrong.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The character offset where it goes wrong.
        public var offset: Int
        /// What is wrong, in words.
        public var description: String
    }

    /// A text with no variables.
    public init(literal text: String) {
        pieces = text.isEmpty ? [] : [.literal(text)]
    }

    /// Reads `${NAME}` references; a name is a letter or `_` followed by letters, digits or `_`.
    public init(parsing text: String) throws(ParseError) {
        var pieces: [Piece] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "$", index + 2 < characters.count, characters[index + 1] == "$", characters[index + 2] == "{" {
                literal += "${"
                index += 3
                continue
            }
            guard character == "$", index + 1 < characters.count, characters[index + 1] == "{" else {
                literal.append(character)
                index += 1
                continue
            }
            guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
                throw ParseError(offset: index, description: "'${' is not closed: expected ${NAME} (write $${ for a literal ${)")
            }
            let name = String(characters[(index + 2)..<close])
            guard Self.isVariableName(name) else {
                throw ParseError(
                    offset: index,
                    description: "'${\(name)}' does not name an environment variable: expected letters, digits and _, not starting with a digit")
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(.variable(name))
            index = close + 1
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// The variables it reads, in order.
    public var variables: [String] {
        pieces.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }

    /// Whether part of it comes from a variable, and so is shown redacted.
    public var isSecret: Bool { !variables.isEmpty }

    /// The text as shown: each variable's value as `[REDACTED]`.
    public var shown: String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .variable: Exchange.redaction
            }
        }.joined()
    }

    /// The text as written (`${NAME}` for each variable, `$${` for a literal `${`).
    public var description: String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text.replacingAll("${", with: "$${")
            case .variable(let name): "${\(name)}"
            }
        }.joined()
    }

    /// A variable the text needs that the environment does not set (or sets empty).
    public struct UnsetVariable: Error, Sendable, Equatable {
        /// The variable's name.
        public var name: String
    }

    /// The value, each variable read from `environment`.
    public func resolved(in environment: [String: String]) throws(UnsetVariable) -> String {
        var value = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): value += text
            case .variable(let name):
                guard let found = environment[name], !found.isEmpty else { throw UnsetVariable(name: name) }
                value += found
            }
        }
        return value
    }
}
