import TUIKit

/// One name in a folder listing.
public struct DirectoryEntry: Equatable, Sendable, Hashable {
    /// The file or folder name (no path).
    public var name: String
    /// Whether it is a folder.
    public var isDirectory: Bool

    /// Creates one.
    public init(name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

/// The `:e` file browser: a folder's subfolders and `.json` files, filtered by typing.
/// The listing arrives as an ``AppEvent/listed(path:entries:error:)`` after an
/// ``Effect/listDirectory(path:)``, so the reducer stays free of I/O.
public struct FileBrowser: Equatable, Sendable {
    /// The folder shown (absolute once listed).
    public var directory: String
    /// Its entries as listed (hidden names and non-JSON files left out).
    public var entries: [DirectoryEntry]
    /// The filter typed so far.
    public var filter = TextField()
    /// The highlighted row of ``shown``.
    public var selected = 0
    /// Whether the listing is still on its way.
    public var isLoading = true
    /// A listing error, if any.
    public var error: String?

    /// A browser waiting for the listing of `directory`.
    public init(directory: String) {
        self.directory = directory
        self.entries = []
    }

    /// What the listing keeps: folders and `.json` files, no hidden names (such as recovery
    /// files); folders first, then by name.
    public static func visible(_ entries: [DirectoryEntry]) -> [DirectoryEntry] {
        entries.filter { !$0.name.hasPrefix(".") && ($0.isDirectory || $0.name.lowercased().hasSuffix(".json")) }
            .sorted { ($0.isDirectory ? 0 : 1, $0.name) < ($1.isDirectory ? 0 : 1, $1.name) }
    }

    /// The rows shown: `..` (except at `/`), then the entries matching the filter (fuzzy).
    public var shown: [DirectoryEntry] {
        let up = directory == "/" ? [] : [DirectoryEntry(name: "..", isDirectory: true)]
        guard !filter.text.isEmpty else { return up + entries }
        let names = FuzzyMatch.rank(filter.text, entries.map(\.name))
        return names.compactMap { n in entries.first { $0.name == n } }
    }

    /// `directory/name`, with `..` going up one folder.
    public func path(of entry: DirectoryEntry) -> String {
        if entry.name == ".." { return FileBrowser.parent(of: directory) }
        return directory == "/" ? "/" + entry.name : directory + "/" + entry.name
    }

    /// The folder that holds `path` (`.` for a bare name).
    public static func parent(of path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts.last == "" { parts.removeLast() }
        guard parts.count > 1 else { return path.hasPrefix("/") ? "/" : "." }
        parts.removeLast()
        let p = parts.joined(separator: "/")
        return p.isEmpty ? "/" : p
    }
}
