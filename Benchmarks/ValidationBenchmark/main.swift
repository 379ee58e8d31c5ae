// Validations per second of the vendor's success example against `Invitation`, and of a 1 MB
// array of such objects, beside Python's jsonschema on the same schema and data in the same
// run: `swift run -c release ValidationBenchmark [--python PATH]`.
import Foundation
import OpenAPIModel
import SchemaValidation
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
let arrayNode = YAMLParser().parse(SourceFile(
    path: spec, text: "{type: array, items: {$ref: '#/components/schemas/Invitation'}}")).root!
let arrayValidator = compiler.validator(for: Schema(
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
func rate(_ validator: SchemaValidator, _ instance: JSONValue) -> Double {
    let clock = ContinuousClock()
    var best = 0.0
    for _ in 0..<3 {
        var count = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            precondition(validator.validate(instance, direction: .response).isEmpty)
            count += 1
            elapsed = clock.now - start
        } while elapsed < .milliseconds(500)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = max(best, Double(count) / seconds)
    }
    return best
}

let swiftExample = rate(invitation, example)
let swiftArray = rate(arrayValidator, array)

// The same schema and data through Python's jsonschema.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validation-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
try exampleText.write(to: folder.appendingPathComponent("example.json"), atomically: true, encoding: .utf8)
try arrayText.write(to: folder.appendingPathComponent("array.json"), atomically: true, encoding: .utf8)
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = [python, "Benchmarks/ValidationBenchmark/jsonschema_bench.py", spec,
                     folder.appendingPathComponent("example.json").path, folder.appendingPathComponent("array.json").path]
let output = Pipe()
process.standardOutput = output
try process.run()
let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
process.waitUntilExit()
var pythonRates: [String: Double] = [:]
for line in text.split(separator: "\n") {
    let parts = line.split(separator: " ")
    if parts.count == 2, let value = Double(parts[1]) { pythonRates[String(parts[0])] = value }
}

func row(_ name: String, _ swift: Double, _ python: Double?) {
    let ratio = python.map { String(format: "%.1fx", swift / $0) } ?? "n/a (python jsonschema did not run)"
    let pythonText = python.map { String(format: "%12.1f", $0) } ?? "           -"
    print("  \(name.padding(toLength: 34, withPad: " ", startingAt: 0))\(String(format: "%12.1f", swift))  \(pythonText)  \(ratio)")
}
print("validations per second (best of 3 rounds of 0.5 s; Swift release build; \(items.count) objects, \(arrayText.utf8.count) bytes in the array)")
print("  \("instance".padding(toLength: 34, withPad: " ", startingAt: 0))       swift  py jsonschema  ratio")
row("vendor example vs Invitation", swiftExample, pythonRates["example"])
row("1 MB array of invitations", swiftArray, pythonRates["array"])
