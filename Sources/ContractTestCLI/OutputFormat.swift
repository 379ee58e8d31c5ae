import ArgumentParser

/// `--format`: for people or for tools.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
