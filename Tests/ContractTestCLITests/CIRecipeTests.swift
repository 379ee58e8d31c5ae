import Foundation
import TestSupport
import Testing
import YAMLSource

/// The CI recipes in the README and the composite action: each must be YAML, and every
/// `contract-test` command they run must exist, with every option it passes.
@Suite("CI recipes: README examples and action.yml")
struct CIRecipeTests {
    /// One YAML document the project offers for copying.
    struct Recipe: CustomStringConvertible {
        var place: String
        var text: String
        var description: String { place }
    }

    /// A `contract-test SUBCOMMAND --option...` a recipe runs.
    struct Invocation: CustomStringConvertible {
        var place: String
        var subcommand: String
        var options: [String]
        var description: String { "\(place): contract-test \(subcommand) \(options.joined(separator: " "))" }
    }

    static let recipes: [Recipe] = {
        let root = RepositoryPaths.root
        var recipes: [Recipe] = []
        let readme = (try? String(contentsOfFile: root + "/README.md", encoding: .utf8)) ?? ""
        var block: [String]?
        var start = 0
        for (number, line) in readme.components(separatedBy: "\n").enumerated() {
            if block == nil, line == "```yaml" {
                block = []
                start = number + 2
            } else if let lines = block, line == "```" {
                recipes.append(Recipe(place: "README.md:\(start)", text: lines.joined(separator: "\n")))
                block = nil
            } else {
                block?.append(line)
            }
        }
        let action = (try? String(contentsOfFile: root + "/action.yml", encoding: .utf8)) ?? ""
        recipes.append(Recipe(place: "action.yml", text: action))
        return recipes
    }()

    static func parse(_ recipe: Recipe) throws -> Node {
        let parsed = YAMLParser().parse(SourceFile(path: recipe.place, text: recipe.text))
        #expect(parsed.diagnostics.filter { $0.severity == .error }.map(\.description) == [], "\(recipe.place)")
        return try #require(parsed.root, "\(recipe.place) is empty")
    }

    /// Every shell script in a workflow: `run:` values and the lines of GitLab's `script:`.
    static func scripts(in node: Node) -> [String] {
        if let entries = node.mapping {
            return entries.flatMap { entry -> [String] in
                switch entry.key.string {
                case "run": entry.value.string.map { [$0] } ?? []
                case "script", "before_script", "after_script": (entry.value.sequence.map(Array.init) ?? [entry.value]).compactMap(\.string)
                default: scripts(in: entry.value)
                }
            }
        }
        return node.sequence.map { $0.flatMap(scripts) } ?? []
    }

    /// The `contract-test` commands a script runs: a command's first word is the executable
    /// (`contract-test`, `./contract-test-linux-x86_64`, `swift run contract-test`); options collected into an
    /// `args` array count for the command that expands it.
    static func invocations(in script: String, place: String) -> [Invocation] {
        let lines = script.replacingOccurrences(of: "\\\n", with: " ").components(separatedBy: "\n")
        let arrayOptions = lines.filter { $0.contains("args=(") || $0.contains("args+=(") }.flatMap(options)
        var found: [Invocation] = []
        for line in lines {
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            let commandStarts = words.indices.filter {
                $0 == 0 || ["&&", "||", ";", "then", "do"].contains(words[$0 - 1]) || words[$0 - 1] == "run" && $0 >= 2 && words[$0 - 2] == "swift"
            }
            guard let at = commandStarts.first(where: { isExecutable(words[$0]) }), at + 1 < words.count else { continue }
            var options = options(words[(at + 2)...].joined(separator: " "))
            if line.contains("\"${args[@]}\"") { options += arrayOptions }
            found.append(Invocation(place: place, subcommand: words[at + 1], options: options))
        }
        return found
    }

    static func isExecutable(_ word: String) -> Bool {
        let name = word.split(separator: "/").last.map(String.init) ?? word
        return name == "contract-test" || name.hasPrefix("contract-test-linux-")
    }

    static func options(_ text: String) -> [String] {
        text.matches(of: /(?:^|[\s(])(--[a-z][a-z0-9-]*)/).map { String($0.output.1) }
    }

    static let allInvocations: [Invocation] = recipes.flatMap { recipe in
        guard let root = try? parse(recipe) else { return [Invocation]() }
        return scripts(in: root).flatMap { invocations(in: $0, place: recipe.place) }
    }

    @Test("every recipe is YAML", arguments: recipes)
    func parses(recipe: Recipe) throws {
        _ = try Self.parse(recipe)
    }

    @Test("every command a recipe runs is a contract-test subcommand with those options")
    func commandsExist() throws {
        let help = try CommandRunner.run(["--help"]).stdout
        var known: [String: Set<String>] = [:]
        for invocation in Self.allInvocations {
            #expect(help.contains("\n  \(invocation.subcommand) "), "\(invocation.place): no subcommand \(invocation.subcommand)")
            if known[invocation.subcommand] == nil {
                let text = try CommandRunner.run([invocation.subcommand, "--help"]).stdout
                known[invocation.subcommand] = Set(Self.options(text))
            }
            for option in invocation.options {
                #expect(
                    known[invocation.subcommand]?.contains(option) == true, "\(invocation): \(option) is not an option of \(invocation.subcommand)")
            }
        }
    }

    @Test("the recipes slice a run, merge the slices and write the page; the action runs the gate")
    func coverage() {
        let commands = Self.allInvocations
        #expect(commands.contains { $0.subcommand == "run" && $0.options.contains("--shard") && $0.place.hasPrefix("README") })
        #expect(commands.contains { $0.subcommand == "merge" && $0.options.contains("--html") })
        #expect(
            commands.contains {
                $0.place == "action.yml" && $0.subcommand == "run" && $0.options.contains("--html") && $0.options.contains("--shard")
            })
        #expect(Self.recipes.contains { $0.text.contains("parallel: 3") && $0.text.contains("junit: reports/junit-") })
    }

    @Test("the action is composite and names every input it reads")
    func action() throws {
        let recipe = try #require(Self.recipes.first { $0.place == "action.yml" })
        let root = try Self.parse(recipe)
        #expect(root.descendant(at: ["runs", "using"])?.string == "composite")
        let declared = Set(root.descendant(at: ["inputs"])?.mapping?.compactMap(\.key.string) ?? [])
        let read = Set(recipe.text.matches(of: /inputs\.([a-z-]+)/).map { String($0.output.1) })
        #expect(read == declared, "inputs read but not declared, or declared but never read")
    }
}
