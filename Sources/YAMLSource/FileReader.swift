#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with POSIX calls, so a failure says why in the system's words.
public enum FileReader {
    /// Why a file could not be read.
    public struct Failure: Error {
        /// The system's reason, e.g. "No such file or directory".
        public var reason: String
    }

    /// The bytes of the file at `path`; a failure says why in words.
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw Failure(reason: "it is a directory") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

extension SourceFile {
    /// The file at `path`; a failure is a diagnostic naming the file and the system's reason.
    public init(contentsOf path: String) throws(Diagnostic) {
        do {
            self.init(path: path, bytes: try FileReader.read(path))
        } catch {
            throw Diagnostic.error("cannot read '\(path)': \(error.reason)", at: nil)
        }
    }
}
