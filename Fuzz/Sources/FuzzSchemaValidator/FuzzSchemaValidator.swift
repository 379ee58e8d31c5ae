import FuzzDriver
@_spi(Testing) import SchemaValidation
import YAMLSource

/// A schema (YAML or JSON) and, after a NUL byte, an instance (JSON). The schema is compiled
/// in both dialects; the instance validated both ways (the error list and the yes/no must
/// agree, and the quick pass, where it answers, with the full evaluation); a value
/// synthesized from the schema must be valid when the synthesizer says so.
func fuzzSchemaValidator(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let parsed = YAMLParser(limits: .init(maxDepth: 64, maxAliasedNodes: 10_000)).parse(
        SourceFile(path: "schema.yaml", bytes: Array(bytes[..<split])))
    guard let schema = parsed.root else { return 0 }
    let instance = split < bytes.endIndex ? try? JSONParser().parse(Array(bytes[(split + 1)...]), file: "instance") : nil
    for dialect in [ValidationDialect.draft2020_12, .openAPI30] {
        let compiler = SchemaCompiler(dialect: dialect)
        let validator = compiler.validator(forDocument: schema, uri: "https://example.com/fuzz.json", file: "schema.yaml")
        _ = compiler.diagnostics.map(\.description)
        if let instance {
            for direction in [Direction.none, .request, .response] {
                let errors = validator.validate(instance, direction: direction)
                _ = errors.map(\.description)
                precondition(
                    errors.isEmpty == validator.isValid(instance, direction: direction),
                    "validate and isValid disagree (\(direction))")
                // The quick pass, where it answers, answers as the full evaluation does.
                let full = validator.evaluateFully(instance, direction: direction)
                if let quick = validator.quickVerdict(instance, direction: direction) {
                    precondition(quick == full.isEmpty, "the quick pass says \(quick ? "valid" : "invalid") (\(direction))")
                }
            }
        }
        var synthesizer = ValueSynthesizer(seed: UInt64(size))
        if let value = synthesizer.value(for: validator, direction: .response) {
            precondition(validator.isValid(value, direction: .response), "a synthesized value is invalid")
        }
        _ = synthesizer.bestEffort(for: validator, direction: .request)
    }
    return 0
}

/// The executable's entry (SwiftPM links `main` to `FuzzSchemaValidator_main`): libFuzzer's driver.
@_cdecl("FuzzSchemaValidator_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzz_driver_main(argc, argv, { data, size in fuzzSchemaValidator(data, size) })
}
