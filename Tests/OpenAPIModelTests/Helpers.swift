import OpenAPIModel
import YAMLSource

/// The repository's root, found from this file's path, so tests read real files wherever
/// `swift test` runs from.
let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/OpenAPIModelTests/Helpers.swift
    return parts.joined(separator: "/")
}()

let fixtures = repositoryRoot + "/Tests/Fixtures"

/// Loads a document given as text, as if it were the file `path`.
func load(_ text: String, path: String = "api.yaml") -> LoadResult {
    OpenAPILoader().load(SourceFile(path: path, text: text))
}

/// One line per diagnostic, for exact comparison.
func messages(_ result: LoadResult) -> [String] {
    result.diagnostics.map(\.description)
}
