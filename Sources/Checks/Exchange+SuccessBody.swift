import Execution
import SchemaValidation

extension Exchange {
    /// The JSON body of a 2xx answer: what the rules over several answers compare.
    var successBody: JSONValue? {
        guard let response, (200..<300).contains(response.status) else { return nil }
        return try? JSONParser().parse(response.body)
    }
}
