// Validations per second of the vendor's success example against `Invitation`, and of a 1 MB
// array of such objects, beside Python's jsonschema, jsonschema-rs (Rust, through its Python
// binding) and fastjsonschema on the same schema and data in the same run:
// `swift run -c release ValidationBenchmark [--python PATH]` (PATH's Python needs jsonschema
// and pyyaml; jsonschema-rs and fastjsonschema are measured when installed). It also times the
// full evaluation alone (the pass that collects every error, run on top of the quick pass for an
// instance that is not valid). `--profile` instead validates a fixed number of times and
// prints nothing: run it under `valgrind --tool=callgrind` for instruction counts, which stay
// the same from run to run where this machine's clock does not.
import Foundation
import OpenAPIModel
import OrderedCollections
@_spi(Testing) import SchemaValidation
import YAMLSource

let arguments = CommandLine.arguments
let python = arguments.firstIndex(of: "--python").map { arguments[$0 + 1] } ?? "python3"
let spec = "specs/partneraccount.yaml"

let loaded = OpenAPILoader().load(file: spec)
guard let document = loaded.document, !loaded.hasErrors else {
    print(DiagnosticRenderer(sources: loaded.sourceMap.sources).render(loaded.diagnostics))
    exit(2)
}
let compiler = SchemaCompiler(document: document)
let invitation = compiler.validator(for: document.components.schemas["Invitation"]!)
// The array schema is written as if in the spec file, so its `$ref` resolves there.
let arrayNode = YAMLParser().parse(
    SourceFile(
        path: spec, text: "{type: array, items: {$ref: '#/components/schemas/Invitation'}}")
).root!
let arrayValidator = compiler.validator(
    for: Schema(
        node: arrayNode, location: Location(mark: arrayNode.mark, pointer: JSONPointer()), dialect: document.schemaDialect))

// The vendor's public success example.
let exampleText = try String(contentsOfFile: "Tests/Fixtures/bodies/invitation-example.json", encoding: .utf8)
let example = try JSONParser().parse(exampleText)
var items: [String] = []
var size = 0
while size < 1_000_000 {
    let item = exampleText.replacingOccurrences(of: "NS05_merchant", with: "partner\(items.count)")
        .replacingOccurrences(of: "\n", with: "")
    items.append(item)
    size += item.utf8.count + 1
}
let arrayText = "[" + items.joined(separator: ",") + "]"
let array = try JSONParser().parse(arrayText)
precondition(invitation.isValid(example) && arrayValidator.isValid(array), "the benchmark data must be valid")

/// Validations per second: the best of three rounds of at least half a second.
func rate(_ validator: SchemaValidator, _ instance: JSONValue, fullOnly: Bool = false) -> Double {
    let clock = ContinuousClock()
    var best = 0.0
    for _ in 0..<3 {
        var count = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            let errors = fullOnly ? validator.evaluateFully(instance, direction: .response) : validator.validate(instance, direction: .response)
            precondition(errors.isEmpty)
            count += 1
            elapsed = clock.now - start
        } while elapsed < .milliseconds(500)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = max(best, Double(count) / seconds)
    }
    return best
}

if arguments.contains("--profile") {
    for _ in 0..<20_000 { precondition(invitation.validate(example, direction: .response).isEmpty) }
    for _ in 0..<20 { precondition(arrayValidator.validate(array, direction: .response).isEmpty) }
    for _ in 0..<5_000 { precondition(invitation.evaluateFully(example, direction: .response).isEmpty) }
    for _ in 0..<5 { precondition(arrayValidator.evaluateFully(array, direction: .response).isEmpty) }
    exit(0)
}

let swiftExample = rate(invitation, example)
let swiftArray = rate(arrayValidator, array)
let fullExample = rate(invitation, example, fullOnly: true)
let fullArray = rate(arrayValidator, array, fullOnly: true)

// The same schema and data through Python's jsonschema.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validation-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
try exampleText.write(to: folder.appendingPathComponent("example.json"), atomically: true, encoding: .utf8)
try arrayText.write(to: folder.appendingPathComponent("array.json"), atomically: true, encoding: .utf8)
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = [
    python, "Benchmarks/ValidationBenchmark/jsonschema_bench.py", spec,
    folder.appendingPathComponent("example.json").path, folder.appendingPathComponent("array.json").path,
]
let output = Pipe()
process.standardOutput = output
try process.run()
let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
process.waitUntilExit()
/// Validations per second by validator, then by instance ("example", "array").
var peers: [String: [String: Double]] = [:]
var peerOrder: [String] = []
for line in text.split(separator: "\n") {
    let parts = line.split(separator: " ")
    guard parts.count == 3, let value = Double(parts[2]) else { continue }
    let name = String(parts[0])
    if peers[name] == nil { peerOrder.append(name) }
    peers[name, default: [:]][String(parts[1])] = value
}

print("validations per second (best of 3 rounds of 0.5 s; Swift release build; \(items.count) objects, \(arrayText.utf8.count) bytes in the array)")
func cell(_ value: Double?, _ width: Int) -> String {
    (value.map { String(format: "%.1f", $0) } ?? "-").padding(toLength: width, withPad: " ", startingAt: 0)
}
let header =
    ["instance".padding(toLength: 30, withPad: " ", startingAt: 0), "swift".padding(toLength: 12, withPad: " ", startingAt: 0)]
    + peerOrder.map { $0.padding(toLength: 16, withPad: " ", startingAt: 0) }
print("  " + header.joined())
for (name, key, swift) in [("vendor example vs Invitation", "example", swiftExample), ("1 MB array of invitations", "array", swiftArray)] {
    print("  " + name.padding(toLength: 30, withPad: " ", startingAt: 0) + cell(swift, 12) + peerOrder.map { cell(peers[$0]?[key], 16) }.joined())
}
print("swift's speed as a multiple of each peer's:")
for peer in peerOrder {
    let ratios = ["example", "array"].map { key in
        peers[peer]?[key].map { String(format: "%.2fx", (key == "example" ? swiftExample : swiftArray) / $0) } ?? "-"
    }
    print("  \(peer.padding(toLength: 16, withPad: " ", startingAt: 0)) example \(ratios[0]), array \(ratios[1])")
}
print("swift's full evaluation alone (every error collected; what a body that is not valid costs after the quick pass):")
print("  example \(String(format: "%.1f", fullExample))/s, array \(String(format: "%.1f", fullArray))/s")
if peerOrder.isEmpty { print("  (no Python validator ran: pass --python with jsonschema and pyyaml installed)") }
