/// Paths into the repository, found from this file's place, so tests read the real contract
/// and fixtures wherever `swift test` runs from.
public enum RepositoryPaths {
    /// The repository's root folder.
    public static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/TestSupport/RepositoryPaths.swift
        return parts.joined(separator: "/")
    }()

    /// `Tests/Fixtures`.
    public static let fixtures = root + "/Tests/Fixtures"
    /// `specs/partneraccount.yaml`.
    public static let contract = root + "/specs/partneraccount.yaml"
    /// `specs/partneraccount.rules.yaml`.
    public static let contractRules = root + "/specs/partneraccount.rules.yaml"
    /// The vendor's public success example, as JSON.
    public static let invitationExample = fixtures + "/bodies/invitation-example.json"
}
