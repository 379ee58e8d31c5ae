import BusinessRules
import Checks
import Execution
import Foundation
import FuzzContract
import FuzzDriver
import OpenAPIModel
import Reporting

let contract = partnerContract

let verifier = TrafficVerifier(
    document: contract.document, rules: contract.rules,
    checks: CheckName.selection(only: nil, excluded: [], strict: true))
let servers = contract.document.effectiveServers.map(\.defaultURL)

/// Bytes as a traffic file: read or refused in words; what is read is redacted, judged (every
/// exchange accounted for once), and made into every report; the run.json and the HAR written
/// read back with as many exchanges, and no `Authorization` in the HAR shows more than its scheme.
func fuzzTrafficFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let recorded: [RecordedExchange]
    do {
        recorded = try TrafficFile.parse(bytes, path: "fuzz.har").map { $0.redacted(for: contract.document) }
    } catch {
        precondition(error.description.hasPrefix("fuzz.har"), "an error that does not say where: \(error.description)")
        return 0
    }
    let verdict = verifier.verify(recorded)
    precondition(verdict.results.count + verdict.unjudged.count == recorded.count, "an exchange judged twice or lost")
    let summary = RunSummary.ofTraffic(
        verdict, recorded: recorded, files: ["fuzz.har"], specPath: "specs/partneraccount.yaml",
        document: contract.document, servers: servers, skipped: [:], replayCommand: "contract-test verify fuzz.har")
    _ = JUnitReport(summary: summary, tokenVariable: "PARTNER_API_TOKEN").xml
    _ = HTMLReport(summary: summary, tokenVariable: "PARTNER_API_TOKEN").html
    _ = TerminalReport(summary: summary, color: false, tokenVariable: "PARTNER_API_TOKEN", junitPath: nil).text
    let stored: [RecordedExchange]
    do {
        stored = try TrafficFile.parse(StoredRun(summary).data, path: "again.json")
    } catch {
        preconditionFailure("the run.json written does not read back: \(error)")
    }
    let judged = summary.results.reduce(0) { $0 + $1.exchanges.count }
    precondition(stored.count == judged, "the run.json written holds \(stored.count) exchanges of \(judged)")
    let har = HARReport(summary: summary, toolVersion: "fuzz").data
    let again: [RecordedExchange]
    do {
        again = try TrafficFile.parse(har, path: "again.har")
    } catch {
        preconditionFailure("the HAR written does not read back: \(error)")
    }
    precondition(again.count == recorded.count, "the HAR written holds \(again.count) exchanges of \(recorded.count)")
    for exchange in again {
        for field in exchange.exchange.request.headers where ["authorization", "proxy-authorization"].contains(field.name.lowercased()) {
            precondition(field.value.hasSuffix(Exchange.redaction), "a credential written: \(field.name)")
        }
    }
    return 0
}

/// The executable's entry (SwiftPM links `main` to `FuzzTrafficFile_main`): libFuzzer's driver.
@_cdecl("FuzzTrafficFile_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzz_driver_main(argc, argv, { data, size in fuzzTrafficFile(data, size) })
}
