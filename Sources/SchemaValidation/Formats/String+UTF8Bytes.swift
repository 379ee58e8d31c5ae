extension String {
    /// Calls `body` with the text's UTF-8 bytes: in place when the string is stored
    /// contiguously (native Swift strings), else from a copy. Unlike `withUTF8`, it needs no
    /// mutable copy of the string (one reference count less per value checked).
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
