import BusinessRules
import CaseGeneration
import FuzzDriver
import OpenAPIModel
import SchemaValidation
import YAMLSource

/// Any bytes as a whole document, through everything `lint` and `run` do with one before
/// sending: the loader and its checks (references, loops, bounds), the example check, and the
/// cases of every operation (schemas compiled, bodies synthesized, value classes made, each
/// judged by the validator). Nothing may trap; every diagnostic prints with its place, and a
/// document the loader refuses gets no cases.
func fuzzDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let loaded = OpenAPILoader(limits: .init(maxDepth: 64, maxAliasedNodes: 10_000)).load(SourceFile(path: "fuzz.yaml", bytes: bytes))
    for diagnostic in loaded.diagnostics {
        precondition(diagnostic.mark != nil, "a diagnostic without a place: \(diagnostic.message)")
        _ = diagnostic.description
    }
    guard let document = loaded.document, !loaded.hasErrors else { return 0 }
    for diagnostic in ExampleCheck.diagnostics(in: document) { _ = diagnostic.description }
    var generator = CaseGenerator(document: document, rules: .none, options: CaseOptions(runTag: "f", examples: 1))
    for testCase in generator.cases() { _ = testCase.requests.map(\.target) }
    return 0
}

/// The executable's entry (SwiftPM links `main` to `FuzzDocument_main`): libFuzzer's driver.
@_cdecl("FuzzDocument_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzz_driver_main(argc, argv, { data, size in fuzzDocument(data, size) })
}
