/// Which outcome of an action's function a successor waits for.
public enum Branch: String, Hashable, Sendable, CaseIterable {
    /// A plain `InvokeNext` string: always triggered.
    case always
    /// Listed under `"True"` of the conditional object: triggered when the function returns true.
    case onTrue = "True"
    /// Listed under `"False"` of the conditional object: triggered when the function returns false.
    case onFalse = "False"
}

/// One target of an action's `InvokeNext`: `"Name"`, `"Name(N)"`, or an entry of a
/// conditional branch, with the JSON pointer of the string it was read from.
public struct Successor: Hashable, Sendable {
    /// The text as written (`"B(3)"`).
    public var raw: String
    /// The target action name (`"B"`).
    public var name: String
    /// The rank count `N` of `Name(N)`, or nil when no well-formed `(N)` is written.
    public var rank: Int?
    /// When the target is triggered.
    public var branch: Branch
    /// Where the string stands (`/ActionList/A/InvokeNext/1/True/0`).
    public var pointer: JSONPointer

    /// How many copies FaaSr starts: `N` for `Name(N)`, else 1.
    public var copies: Int { rank ?? 1 }

    /// Whether `raw` matches the 2.x grammar `^[a-zA-Z][a-zA-Z0-9-]*(\([0-9]+\))?$`.
    public var isWellFormed: Bool { SuccessorText.isWellFormed(raw) }

    public init(raw: String, branch: Branch = .always, pointer: JSONPointer = .root) {
        let parsed = SuccessorText.parse(raw)
        self.raw = raw
        self.name = parsed.name
        self.rank = parsed.rank
        self.branch = branch
        self.pointer = pointer
    }
}

/// The text form of an `InvokeNext` target: `Name` or `Name(N)`.
///
/// Parsing follows FaaSr's runtime (split at the first `(`; the digits before a `)` give the
/// rank; anything else counts as one copy) so the graph is the one FaaSr would run, while
/// ``isWellFormed(_:)`` tells the validator whether the schema pattern holds
/// (see docs/compatibility.md).
public enum SuccessorText {
    /// The action name and rank count of `text`.
    ///
    /// `"B(3)"` → `("B", 3)`; `"B"` → `("B", nil)`; `"B(x)"` → `("B", nil)`;
    /// `"B(2)junk"` → `("B", nil)`; `"B (2)"` → `("B ", 2)` (a malformed name the validator flags).
    public static func parse(_ text: String) -> (name: String, rank: Int?) {
        let bytes = Array(text.utf8)
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")) else { return (text, nil) }
        let name = String(decoding: bytes[..<open], as: UTF8.self)
        var rest = bytes[(open + 1)...]
        guard rest.last == UInt8(ascii: ")") else { return (name, nil) }
        rest = rest.dropLast()
        guard !rest.isEmpty, rest.count <= 9, rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return (name, nil) }
        return (name, Int(String(decoding: rest, as: UTF8.self)))
    }

    /// Whether `text` is `Name` or `Name(N)` with a valid action name and decimal digits.
    public static func isWellFormed(_ text: String) -> Bool {
        let (name, rank) = parse(text)
        guard ActionName.isValid(name) else { return false }
        if rank != nil { return true }
        return !text.contains("(")
    }

    /// The text for `name` with an optional rank count: `"B"` or `"B(3)"`.
    public static func format(name: String, rank: Int?) -> String {
        guard let rank else { return name }
        return "\(name)(\(rank))"
    }
}

/// The 2.x rule for action names (also used for `WorkflowName`): `^[a-zA-Z][a-zA-Z0-9-]*$`.
public enum ActionName {
    /// Whether `name` is a valid 2.x action name.
    public static func isValid(_ name: String) -> Bool {
        var first = true
        for b in name.utf8 {
            let letter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            let digit = b >= 0x30 && b <= 0x39
            if first {
                guard letter else { return false }
                first = false
            } else if !(letter || digit || b == UInt8(ascii: "-")) {
                return false
            }
        }
        return !first
    }
}
