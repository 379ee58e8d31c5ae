import FuzzDriver
import OpenAPIModel
import YAMLSource

/// Any bytes as a document file: libyaml, the node tree, the OpenAPI model and its
/// diagnostics (every diagnostic must print with its place).
func fuzzYAMLLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = OpenAPILoader().load(SourceFile(path: "fuzz.yaml", bytes: bytes))
    for diagnostic in result.diagnostics {
        _ = diagnostic.description
    }
    if let document = result.document {
        _ = document.operations.count
    }
    return 0
}

/// The executable's entry (SwiftPM links `main` to `FuzzYAMLLoader_main`): libFuzzer's driver.
@_cdecl("FuzzYAMLLoader_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzz_driver_main(argc, argv, { data, size in fuzzYAMLLoader(data, size) })
}
