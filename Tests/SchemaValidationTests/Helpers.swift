import Foundation
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import TestSupport
import YAMLSource

let repositoryRoot = RepositoryPaths.root
let fixtures = RepositoryPaths.fixtures

/// Parses JSON or YAML text into a node (named `file` in marks).
func node(_ text: String, file: String = "schema.yaml") -> Node {
    let parsed = YAMLParser().parse(SourceFile(path: file, text: text))
    precondition(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    return parsed.root!
}

/// Parses JSON text into a value.
func json(_ text: String) -> JSONValue {
    try! JSONParser().parse(text)
}

/// A validator for a standalone schema given as YAML or JSON text.
func validator(_ schema: String, dialect: ValidationDialect = .draft2020_12) -> SchemaValidator {
    let compiler = SchemaCompiler(dialect: dialect)
    let validator = compiler.validator(forDocument: node(schema), uri: "https://example.com/schema.json", file: "schema.yaml")
    precondition(compiler.diagnostics.isEmpty, "\(compiler.diagnostics)")
    return validator
}

func readFile(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map(Array.init)
}

/// Loads an OpenAPI document given as text and compiles the named component schema.
func componentValidator(_ document: String, _ name: String, file: String = "api.yaml") -> SchemaValidator {
    let result = OpenAPILoader().load(SourceFile(path: file, text: document))
    precondition(!result.hasErrors, "\(result.diagnostics)")
    let loaded = result.document!
    let compiler = SchemaCompiler(document: loaded)
    let validator = compiler.validator(for: loaded.components.schemas[name]!)
    precondition(compiler.diagnostics.isEmpty, "\(compiler.diagnostics)")
    return validator
}

/// One line per error, for exact comparison.
func errors(_ validator: SchemaValidator, _ instance: String, direction: Direction = .none) -> [String] {
    validator.validate(json(instance), direction: direction).map(\.description)
}
