import FuzzDriver
import SchemaValidation

/// Any bytes: parsed as JSON; a value must print and parse back to itself.
func fuzzJSONParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser().parse(bytes, file: "fuzz") else { return 0 }
    let printed = value.jsonBytes
    guard let again = try? JSONParser().parse(printed, file: "printed") else {
        fatalError("printed JSON does not parse: \(String(decoding: printed, as: UTF8.self))")
    }
    precondition(again == value, "printed JSON parses to another value: \(String(decoding: printed, as: UTF8.self))")
    return 0
}

/// The executable's entry (SwiftPM links `main` to `FuzzJSONParser_main`): libFuzzer's driver.
@_cdecl("FuzzJSONParser_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzz_driver_main(argc, argv, { data, size in fuzzJSONParser(data, size) })
}
