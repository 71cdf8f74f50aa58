/// A JSON object that keeps its members in source order, duplicates included.
///
/// Lookups by key return the *last* member with that key (what `JSON.parse` and Python's
/// `json` do), while ``members`` still holds every one, so a validator can report duplicates
/// and a printer can write them back.
public struct JSONObject: Hashable, Sendable {
    /// One `"key": value` pair.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Every member, in order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() { members = [] }

    /// An object with the given members, in order.
    public init(_ members: [Member]) { self.members = members }

    /// The number of members (duplicates counted).
    public var count: Int { members.count }
    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in order (duplicates included).
    public var keys: [String] { members.map(\.key) }

    /// Keys that appear more than once, in order of their second appearance.
    public var duplicateKeys: [String] {
        var seen = Set<String>(), dups: [String] = []
        for m in members where !seen.insert(m.key).inserted && !dups.contains(m.key) { dups.append(m.key) }
        return dups
    }

    /// Whether a member with `key` exists.
    public func contains(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// The value of the last member named `key`. Setting replaces it in place (keeping its
    /// position and removing earlier duplicates), or appends a new member; setting nil removes
    /// every member with that key.
    public subscript(key: String) -> JSONValue? {
        get {
            for m in members.reversed() where m.key == key { return m.value }
            return nil
        }
        set {
            guard let newValue else { removeValue(forKey: key); return }
            if let last = members.lastIndex(where: { $0.key == key }) {
                members[last].value = newValue
                if members[..<last].contains(where: { $0.key == key }) {
                    members = members.enumerated().filter { $0.offset == last || $0.element.key != key }.map(\.element)
                }
            } else {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Inserts a member at `index` (or replaces the value in place when the key exists).
    public mutating func insert(_ value: JSONValue, forKey key: String, at index: Int) {
        if contains(key) { self[key] = value; return }
        members.insert(Member(key: key, value: value), at: max(0, min(index, members.count)))
    }

    /// Removes every member named `key`; returns the last one's value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        let old = self[key]
        members.removeAll { $0.key == key }
        return old
    }

    /// Renames a key in place, keeping the member's position. Does nothing when `old` is
    /// absent; a member already named `new` is replaced.
    public mutating func renameKey(_ old: String, to new: String) {
        guard old != new, let i = members.lastIndex(where: { $0.key == old }) else { return }
        members[i].key = new
        members = members.enumerated().filter { offset, m in
            offset == i || (m.key != old && m.key != new)
        }.map(\.element)
    }

    /// Moves the member named `key` to position `index` (clamped).
    public mutating func moveKey(_ key: String, to index: Int) {
        guard let i = members.lastIndex(where: { $0.key == key }) else { return }
        let m = members.remove(at: i)
        members.insert(m, at: max(0, min(index, members.count)))
    }

    /// The position of the last member named `key`.
    public func index(ofKey key: String) -> Int? { members.lastIndex { $0.key == key } }
}
