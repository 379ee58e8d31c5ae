import OrderedCollections
import YAMLSource

/// The `x-` specification extensions of an object, in document order, as raw nodes.
public typealias Extensions = OrderedDictionary<String, Node>
