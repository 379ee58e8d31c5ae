import OpenAPIModel
import TestSupport
import YAMLSource

let repositoryRoot = RepositoryPaths.root
let fixtures = RepositoryPaths.fixtures

/// Loads a document given as text, as if it were the file `path`.
func load(_ text: String, path: String = "api.yaml") -> LoadResult {
    OpenAPILoader().load(SourceFile(path: path, text: text))
}

/// One line per diagnostic, for exact comparison.
func messages(_ result: LoadResult) -> [String] {
    result.diagnostics.map(\.description)
}
