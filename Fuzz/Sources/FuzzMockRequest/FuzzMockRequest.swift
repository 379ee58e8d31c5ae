import BusinessRules
import Dispatch
import Foundation
import FuzzContract
import FuzzDriver
import Logging
import MockServer
import OpenAPIModel
import SchemaValidation
import Synchronization

let contract = partnerContract

/// A request as text: `METHOD TARGET`, header lines `Name: value`, an empty line, the body.
/// A fresh fault-free mock answers it; it must answer lawfully, never with a 5xx, and a JSON
/// answer must be JSON.
func fuzzMockRequest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let request = mockRequest(from: bytes) else { return 0 }
    let api = MockAPI(
        document: contract.document, rules: contract.rules, configuration: MockConfiguration(token: "fuzz-token"),
        logger: Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() }))
    let answer = Mutex<MockResponse?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        let response = await api.respond(to: request)
        answer.withLock { $0 = response }
        done.signal()
    }
    done.wait()
    guard let response = answer.withLock({ $0 }) else { fatalError("no answer") }
    precondition((100...499).contains(response.status), "a fault-free mock answered \(response.status) to \(request.method) \(request.target)")
    // A compressed answer (the request took gzip) is JSON once decoded; the gate decodes it.
    if let type = response.header("Content-Type"), MediaTypeName.isJSON(type), !response.body.isEmpty,
        response.header("Content-Encoding") == nil
    {
        precondition((try? JSONParser().parse(response.body)) != nil, "a JSON answer is not JSON")
    }
    return 0
}

/// Splits the text form; nil when there is no request line.
func mockRequest(from bytes: [UInt8]) -> MockRequest? {
    let headEnd = bytes.indices.first { bytes[$0...].starts(with: [0x0A, 0x0A]) } ?? bytes.endIndex
    let body = headEnd < bytes.endIndex ? Array(bytes[(headEnd + 2)...]) : []
    let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    guard let requestLine = lines.first else { return nil }
    let parts = requestLine.split(separator: " ", maxSplits: 1)
    guard parts.count == 2 else { return nil }
    let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
    }
    return MockRequest(method: String(parts[0]), target: String(parts[1]), headers: headers, body: body)
}

/// The executable's entry (SwiftPM links `main` to `FuzzMockRequest_main`): libFuzzer's driver.
@_cdecl("FuzzMockRequest_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzz_driver_main(argc, argv, { data, size in fuzzMockRequest(data, size) })
}
