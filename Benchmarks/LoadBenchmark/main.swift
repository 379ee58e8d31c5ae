// Times each stage of loading an OpenAPI document beside a bare libyaml event scan of the
// same bytes: `swift run -c release LoadBenchmark [FILE...]`. Without arguments it loads the
// vendor's Shipping API (677 KB) and generated documents of about 10 MB, then times whole
// processes on the operation-dense one: `contract-test lint FILE` (next to this binary: build
// it with `swift build -c release --product contract-test`) beside `LoadBenchmark --scan FILE`,
// a process that reads the file and scans its events with libyaml, nothing more.
// `LoadBenchmark --emit DIR` only writes the generated documents to DIR.
import CYAML
import Foundation
import OpenAPIModel
import YAMLSource

/// Parses every event and throws it away: the floor any libyaml-based loader stands on.
func bareScan(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        var count = 0
        while yaml_parser_parse(&parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            count += 1
            if done { break }
        }
        return count
    }
}

/// The fastest of `runs` timings, in milliseconds (the least disturbed by the machine).
func fastest(_ runs: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000)
    for _ in 0..<runs {
        best = min(best, clock.measure(body))
    }
    return Double(best.components.seconds) * 1_000 + Double(best.components.attoseconds) / 1e15
}

/// A document of roughly `targetBytes`: many paths, each with parameters, a body and
/// responses that reference component schemas.
func generatedDocument(targetBytes: Int) -> String {
    var paths = ""
    var schemas = ""
    var index = 0
    while paths.utf8.count + schemas.utf8.count < targetBytes {
        paths += """
              /resources\(index)/{id}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
                get:
                  operationId: getResource\(index)
                  parameters:
                    - name: expand
                      in: query
                      schema: {type: array, items: {type: string, enum: [owner, tags, history]}}
                  responses:
                    '200':
                      description: The resource.
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Resource\(index)'}
                    '404': {$ref: '#/components/responses/NotFound'}
                put:
                  operationId: putResource\(index)
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Resource\(index)'}
                        example: {id: 'b3b9c2a4-1f6e-4d55-8d2c-1f0e1c0a\(String(format: "%04d", index % 10_000))', name: Resource \(index), size: \(index)}
                  responses:
                    '200':
                      description: Updated.
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Resource\(index)'}

            """
        schemas += """
                Resource\(index):
                  type: object
                  description: Resource number \(index), with a few typed members.
                  required: [id, name]
                  properties:
                    id: {type: string, format: uuid}
                    name: {type: string, minLength: 1, maxLength: 200}
                    size: {type: integer, minimum: 0, maximum: 1000000}
                    createdAt: {type: string, format: date-time}
                    owner: {$ref: '#/components/schemas/Owner'}
                    tags: {type: array, items: {type: string}, uniqueItems: true}

            """
        index += 1
    }
    return """
        openapi: 3.0.3
        info: {title: Generated, version: 1.0.0}
        paths:
        \(paths)components:
          responses:
            NotFound:
              description: Not found.
          schemas:
            Owner:
              type: object
              properties:
                name: {type: string}
                email: {type: string, format: email}
        \(schemas)
        """
}

/// The vendor's Shipping API grown to about `targetBytes` by repeating its paths and schemas
/// under new names (`/copyN/...`, `Name_copyN`), references renamed to match: a large document
/// with a real one's mix of operations, schemas and examples.
func scaledVendorDocument(_ text: String, targetBytes: Int) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let pathsLine = lines.firstIndex(of: "paths:"),
        let componentsLine = lines.firstIndex(of: "components:"),
        let schemasLine = lines.firstIndex(of: "  schemas:"),
        let securityLine = lines.firstIndex(of: "  securitySchemes:")
    else { fatalError("unexpected layout of the Shipping API document") }
    let pathBody = lines[(pathsLine + 1)..<componentsLine]
    let schemaBody = lines[(schemasLine + 1)..<securityLine]
    let copies = max(1, targetBytes / text.utf8.count)

    func renamed(_ line: String, copy: Int, keyIndent: String, isPath: Bool) -> String {
        var line = line
        if copy > 0 {
            line = line.replacingOccurrences(
                of: #"(#/components/schemas/[A-Za-z0-9_.-]+)"#, with: "$1_copy\(copy)", options: .regularExpression)
            if line.hasPrefix(keyIndent), line.hasSuffix(":"), !line.dropFirst(keyIndent.count).hasPrefix(" ") {
                let key = line.dropFirst(keyIndent.count).dropLast()
                line = isPath ? "\(keyIndent)/copy\(copy)\(key):" : "\(keyIndent)\(key)_copy\(copy):"
            }
            if line.contains("operationId: ") { line += "_copy\(copy)" }
        }
        return line
    }

    var output = lines[...pathsLine].joined(separator: "\n") + "\n"
    for copy in 0..<copies {
        output += pathBody.map { renamed($0, copy: copy, keyIndent: "  ", isPath: true) }.joined(separator: "\n") + "\n"
    }
    output += lines[componentsLine...schemasLine].joined(separator: "\n") + "\n"
    for copy in 0..<copies {
        output += schemaBody.map { renamed($0, copy: copy, keyIndent: "    ", isPath: false) }.joined(separator: "\n") + "\n"
    }
    output += lines[securityLine...].joined(separator: "\n")
    return output
}

struct Input {
    var name: String
    var source: SourceFile
}

// `--scan FILE`: the bare scan as a process of its own, the floor of the process comparison.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--scan" {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[2])))
    print(bareScan(bytes))
    exit(0)
}

var inputs: [Input] = []
// `--emit DIR`: write the generated documents there (to profile `contract-test lint` on them).
let emitFolder = CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--emit" ? CommandLine.arguments[2] : nil
let arguments = emitFolder == nil ? CommandLine.arguments.dropFirst() : []
if arguments.isEmpty {
    let shipping = "Tests/Fixtures/specs-corpus/pb-shipping-api.yaml"
    let shippingBytes = Array(try Data(contentsOf: URL(fileURLWithPath: shipping)))
    inputs.append(Input(name: "pb-shipping-api.yaml", source: SourceFile(path: shipping, bytes: shippingBytes)))
    let scaled = scaledVendorDocument(String(decoding: shippingBytes, as: UTF8.self), targetBytes: 10_000_000)
    inputs.append(Input(name: "generated: Shipping API x15", source: SourceFile(path: "scaled.yaml", text: scaled)))
    inputs.append(
        Input(
            name: "generated: operation-dense (stress)",
            source: SourceFile(path: "dense.yaml", text: generatedDocument(targetBytes: 10_000_000))))
} else {
    for path in arguments {
        inputs.append(Input(name: path, source: SourceFile(path: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))))
    }
}

if let emitFolder {
    for input in inputs.dropFirst() {
        let file = URL(fileURLWithPath: emitFolder).appendingPathComponent(input.source.path)
        try Data(input.source.bytes).write(to: file)
        print(file.path)
    }
    exit(0)
}

var modelOnly = OpenAPILoader()
modelOnly.checksSchemaReferences = false
let full = OpenAPILoader()

for input in inputs {
    let bytes = input.source.bytes
    let runs = bytes.count > 2_000_000 ? 5 : 30
    let check = full.load(input.source)
    let operations = check.document?.operations.count ?? 0
    let problems = check.diagnostics.count
    let events = bareScan(bytes)

    let scan = fastest(runs) { _ = bareScan(bytes) }
    let tree = fastest(runs) { _ = YAMLParser().parse(input.source) }
    let model = fastest(runs) { _ = modelOnly.load(input.source) }
    let resolved = fastest(runs) { _ = full.load(input.source) }

    let size = String(format: "%.1f", Double(bytes.count) / 1_000_000)
    print("\(input.name): \(size) MB, \(events) events, \(operations) operations, \(problems) problems (fastest of \(runs) runs)")
    func row(_ stage: String, _ ms: Double) {
        let padded = stage.padding(toLength: 44, withPad: " ", startingAt: 0)
        print("  \(padded)\(String(format: "%9.2f ms  %5.2fx", ms, ms / scan))")
    }
    row("bare libyaml event scan", scan)
    row("libyaml events -> node tree", tree)
    row("  -> model (non-schema refs followed)", model)
    row("  -> schema refs resolved (whole load)", resolved)
    print(
        "  stage costs: node tree +\(String(format: "%.2f", tree - scan)) ms, model +\(String(format: "%.2f", model - tree)) ms, schema refs +\(String(format: "%.2f", resolved - model)) ms"
    )
}

/// Milliseconds of the fastest of `runs` runs of a process, from start to exit.
func fastestProcess(_ runs: Int, _ executable: String, _ arguments: [String]) throws -> (ms: Double, status: Int32) {
    var best = Double.infinity
    var status: Int32 = 0
    for _ in 0..<runs {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - started
        best = min(best, Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
        status = process.terminationStatus
    }
    return (best, status)
}

if arguments.isEmpty {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let lint = folder.appendingPathComponent("contract-test").path
    if FileManager.default.isExecutableFile(atPath: lint) {
        for generated in inputs.dropFirst() {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("load-benchmark-\(getpid()).yaml")
            try Data(generated.source.bytes).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let scan = try fastestProcess(5, CommandLine.arguments[0], ["--scan", file.path])
            let whole = try fastestProcess(5, lint, ["lint", file.path])
            print("whole processes on \(generated.name) (fastest of 5):")
            print("  LoadBenchmark --scan FILE (read, libyaml events)  \(String(format: "%9.2f ms", scan.ms))")
            print("  contract-test lint FILE (exit \(whole.status))              \(String(format: "%9.2f ms  %5.2fx", whole.ms, whole.ms / scan.ms))")
        }
    } else {
        print("(no contract-test beside this binary: `swift build -c release --product contract-test` to time lint as a process)")
    }
}
