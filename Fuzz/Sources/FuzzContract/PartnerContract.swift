import BusinessRules
import Foundation
import OpenAPIModel

/// The repository's contract and its rules (`specs/partneraccount.yaml` and its rules file),
/// loaded once for the targets that fuzz what is judged or answered against it.
public let partnerContract: (document: OpenAPIDocument, rules: BusinessRules) = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let spec = root.appendingPathComponent("specs/partneraccount.yaml").path
    guard let document = OpenAPILoader().load(file: spec).document else { fatalError("cannot load \(spec)") }
    let rules = BusinessRules.load(file: root.appendingPathComponent("specs/partneraccount.rules.yaml").path, document: document).rules
    return (document, rules ?? .none)
}()
