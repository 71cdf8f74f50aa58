/// A compiled JSON Schema `pattern`, matched the way the FaaSr runtime's validator (Python
/// `jsonschema`, which calls `re.search`) matches it.
///
/// It understands the regular-expression subset that JSON Schema recommends and FaaSr's
/// schemas use: literals, `.`, character classes (`[a-z_]`, `[^...]`, `\d \w \s` and their
/// negations), anchors `^` `$`, groups `( )` and `(?: )`, alternation `|`, and the quantifiers
/// `* + ? {n} {n,} {n,m}` (greedy or lazy). Python semantics that differ from other engines are
/// kept: the pattern may match anywhere unless anchored, `$` also matches before a final
/// `\n`, and `.` does not match `\n`. Anything else is rejected when the schema is compiled.
public struct SchemaPattern: Sendable, CustomStringConvertible {
    /// The pattern as written in the schema.
    public let source: String
    private let root: Node
    private let anchoredAtStart: Bool
    /// The same pattern as a few `^...$` runs of one-character atoms, when it has that shape
    /// (every FaaSr schema pattern does): matched without closures or per-character recursion.
    private let linear: [[Run]]?

    /// Why a pattern could not be compiled.
    public struct SyntaxError: Error, CustomStringConvertible {
        public let pattern: String
        public let reason: String
        public var description: String { "unsupported pattern \(pattern): \(reason)" }
    }

    /// Compiles `source`; throws for syntax outside the supported subset.
    public init(_ source: String) throws(SyntaxError) {
        self.source = source
        var parser = Parser(scalars: Array(source.unicodeScalars), source: source)
        root = try parser.parseAlternation()
        if parser.i < parser.scalars.count {
            throw SyntaxError(pattern: source, reason: "unbalanced ')'")
        }
        if case .seq(let items) = root, case .start = items.first { anchoredAtStart = true } else { anchoredAtStart = false }
        linear = Self.linearForm(root)
    }

    public var description: String { source }

    /// Whether the pattern matches somewhere in `text` (`re.search`).
    public func matches(_ text: String) -> Bool {
        if case .seq(let items) = root, items.isEmpty { return true }  // "" matches everything
        if let linear {
            let s = Array(text.unicodeScalars)
            return linear.contains { Self.matchRuns($0[...], s, 0) }
        }
        let s = Array(text.unicodeScalars)
        let last = anchoredAtStart ? 0 : s.count
        for start in 0...last where Matcher(s: s).match(root, start, { _ in true }) { return true }
        return false
    }

    // MARK: - Linear form

    /// One atom matching a single character, repeated `min...max` times (greedy).
    struct Run: Sendable {
        var test: Node
        var min: Int
        var max: Int?

        func accepts(_ c: Unicode.Scalar) -> Bool {
            switch test {
            case .scalar(let x): return c == x
            case .any: return c != "\n"
            case .set(let set): return set.contains(c)
            default: return false
            }
        }
    }

    /// `^ runs... $` alternatives equivalent to `node`, or nil when the pattern has another
    /// shape (unanchored, lazy, alternation inside, nested repeats of groups...).
    private static func linearForm(_ node: Node) -> [[Run]]? {
        guard case .seq(let items) = node, items.count >= 2, case .start = items.first, case .end = items.last else { return nil }
        var alternatives: [[Run]] = [[]]
        for item in items.dropFirst().dropLast() {
            guard let options = runOptions(item) else { return nil }
            alternatives = alternatives.flatMap { prefix in options.map { prefix + $0 } }
            if alternatives.count > 8 { return nil }
        }
        return alternatives
    }

    /// The run sequences one item of a sequence can stand for.
    private static func runOptions(_ node: Node) -> [[Run]]? {
        switch node {
        case .scalar, .any, .set:
            return [[Run(test: node, min: 1, max: 1)]]
        case .repeatNode(let inner, let lo, let hi, let greedy):
            guard greedy else { return nil }
            if case .seq(let s) = inner, s.count == 1 { return runOptions(.repeatNode(s[0], min: lo, max: hi, greedy: greedy)) }
            switch inner {
            case .scalar, .any, .set:
                return [[Run(test: inner, min: lo, max: hi)]]
            case .seq(let s) where lo == 0 && hi == 1:
                // An optional group: present or absent.
                var present: [[Run]] = [[]]
                for item in s {
                    guard let options = runOptions(item) else { return nil }
                    present = present.flatMap { prefix in options.map { prefix + $0 } }
                }
                return [[]] + present
            default:
                return nil
            }
        case .seq(let s):
            var out: [[Run]] = [[]]
            for item in s {
                guard let options = runOptions(item) else { return nil }
                out = out.flatMap { prefix in options.map { prefix + $0 } }
            }
            return out
        default:
            return nil
        }
    }

    /// Whether `runs` match all of `s` from `pos` (then the end, or a final `\n` as Python's `$`).
    private static func matchRuns(_ runs: ArraySlice<Run>, _ s: [Unicode.Scalar], _ pos: Int) -> Bool {
        guard let run = runs.first else {
            return pos == s.count || (pos == s.count - 1 && s[pos] == "\n")
        }
        var n = 0
        while pos + n < s.count, run.max.map({ n < $0 }) ?? true, run.accepts(s[pos + n]) { n += 1 }
        guard n >= run.min else { return false }
        for len in stride(from: n, through: run.min, by: -1) where matchRuns(runs.dropFirst(), s, pos + len) { return true }
        return false
    }

    // MARK: - Syntax tree

    indirect enum Node: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case set(CharSet)
        case start
        case end
        case seq([Node])
        case alt([Node])
        case repeatNode(Node, min: Int, max: Int?, greedy: Bool)
    }

    struct CharSet: Sendable {
        var negated = false
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [(ShortClass, Bool)] = []  // class, negated

        func contains(_ c: Unicode.Scalar) -> Bool {
            var hit = ranges.contains { $0.contains(c.value) }
            if !hit { hit = classes.contains { $0.0.contains(c) != $0.1 } }
            return hit != negated
        }
    }

    enum ShortClass: Sendable {
        case digit, word, space
        func contains(_ c: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: return c.properties.numericType == .decimal
            case .word: return c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
            case .space: return c.properties.isWhitespace
            }
        }
    }

    // MARK: - Parser

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let source: String
        var i = 0

        func fail(_ reason: String) -> SyntaxError { SyntaxError(pattern: source, reason: reason) }

        mutating func parseAlternation() throws(SyntaxError) -> Node {
            var branches = [try parseSequence()]
            while i < scalars.count, scalars[i] == "|" {
                i += 1
                branches.append(try parseSequence())
            }
            return branches.count == 1 ? branches[0] : .alt(branches)
        }

        mutating func parseSequence() throws(SyntaxError) -> Node {
            var items: [Node] = []
            while i < scalars.count, scalars[i] != "|", scalars[i] != ")" {
                var atom = try parseAtom()
                atom = try parseQuantifier(atom)
                items.append(atom)
            }
            return .seq(items)
        }

        mutating func parseAtom() throws(SyntaxError) -> Node {
            let c = scalars[i]
            i += 1
            switch c {
            case "^": return .start
            case "$": return .end
            case ".": return .any
            case "[": return .set(try parseSet())
            case "(":
                if i + 1 < scalars.count, scalars[i] == "?" {
                    guard scalars[i + 1] == ":" else { throw fail("only (?:...) groups are supported") }
                    i += 2
                }
                let inner = try parseAlternation()
                guard i < scalars.count, scalars[i] == ")" else { throw fail("missing ')'") }
                i += 1
                return inner
            case "\\": return try parseEscape(inSet: false)
            case "*", "+", "?", "{": throw fail("nothing to repeat before '\(c)'")
            default: return .scalar(c)
            }
        }

        mutating func parseEscape(inSet: Bool) throws(SyntaxError) -> Node {
            guard i < scalars.count else { throw fail("trailing backslash") }
            let c = scalars[i]
            i += 1
            var set = CharSet()
            switch c {
            case "d": set.classes = [(.digit, false)]
            case "D": set.classes = [(.digit, true)]
            case "w": set.classes = [(.word, false)]
            case "W": set.classes = [(.word, true)]
            case "s": set.classes = [(.space, false)]
            case "S": set.classes = [(.space, true)]
            case "n": return .scalar("\n")
            case "t": return .scalar("\t")
            case "r": return .scalar("\r")
            case "f": return .scalar("\u{0C}")
            case "v": return .scalar("\u{0B}")
            default:
                if c.properties.isAlphabetic || c.properties.numericType != nil {
                    throw fail("escape \\\(c) is not supported")
                }
                return .scalar(c)
            }
            return .set(set)
        }

        mutating func parseSet() throws(SyntaxError) -> CharSet {
            var set = CharSet()
            if i < scalars.count, scalars[i] == "^" { set.negated = true; i += 1 }
            var first = true
            while true {
                guard i < scalars.count else { throw fail("missing ']'") }
                var c = scalars[i]
                if c == "]", !first { i += 1; return set }
                first = false
                i += 1
                if c == "\\" {
                    switch try parseEscape(inSet: true) {
                    case .set(let inner): set.classes += inner.classes; continue
                    case .scalar(let s): c = s
                    default: throw fail("bad escape in a character class")
                    }
                }
                if i + 1 < scalars.count, scalars[i] == "-", scalars[i + 1] != "]" {
                    i += 1
                    var hi = scalars[i]
                    i += 1
                    if hi == "\\" {
                        guard case .scalar(let s) = try parseEscape(inSet: true) else { throw fail("bad range") }
                        hi = s
                    }
                    guard c.value <= hi.value else { throw fail("bad range \(c)-\(hi)") }
                    set.ranges.append(c.value...hi.value)
                } else {
                    set.ranges.append(c.value...c.value)
                }
            }
        }

        mutating func parseQuantifier(_ atom: Node) throws(SyntaxError) -> Node {
            guard i < scalars.count else { return atom }
            var lo = 0, hi: Int? = nil
            switch scalars[i] {
            case "*": i += 1
            case "+": lo = 1; i += 1
            case "?": hi = 1; i += 1
            case "{":
                guard let (a, b, next) = braces(from: i) else { return atom }  // a literal '{' as in Python
                lo = a; hi = b; i = next
            default: return atom
            }
            var greedy = true
            if i < scalars.count, scalars[i] == "?" { greedy = false; i += 1 }
            if i < scalars.count, "*+?".unicodeScalars.contains(scalars[i]) { throw fail("multiple repeat") }
            return .repeatNode(atom, min: lo, max: hi, greedy: greedy)
        }

        /// `{n}`, `{n,}`, `{n,m}`, `{,m}` starting at `start`; nil when not a quantifier.
        func braces(from start: Int) -> (Int, Int?, Int)? {
            var j = start + 1
            func number() -> Int? {
                var v: Int? = nil
                while j < scalars.count, let d = Int(String(scalars[j])), scalars[j].isASCII {
                    v = (v ?? 0) * 10 + d
                    j += 1
                }
                return v
            }
            let a = number()
            if j < scalars.count, scalars[j] == "}" { return a.map { ($0, $0, j + 1) } }
            guard j < scalars.count, scalars[j] == "," else { return nil }
            j += 1
            let b = number()
            guard j < scalars.count, scalars[j] == "}" else { return nil }
            return (a ?? 0, b, j + 1)
        }
    }

    // MARK: - Backtracking matcher

    private struct Matcher {
        let s: [Unicode.Scalar]

        func match(_ node: Node, _ pos: Int, _ k: (Int) -> Bool) -> Bool {
            switch node {
            case .scalar(let c): return pos < s.count && s[pos] == c && k(pos + 1)
            case .any: return pos < s.count && s[pos] != "\n" && k(pos + 1)
            case .set(let set): return pos < s.count && set.contains(s[pos]) && k(pos + 1)
            case .start: return pos == 0 && k(pos)
            case .end: return (pos == s.count || (pos == s.count - 1 && s[pos] == "\n")) && k(pos)
            case .seq(let items): return matchSeq(items[...], pos, k)
            case .alt(let branches): return branches.contains { match($0, pos, k) }
            case .repeatNode(let inner, let lo, let hi, let greedy):
                return matchRepeat(inner, lo, hi, greedy, 0, pos, k)
            }
        }

        func singleScalarTest(_ node: Node) -> ((Unicode.Scalar) -> Bool)? {
            switch node {
            case .scalar(let c): return { $0 == c }
            case .any: return { $0 != "\n" }
            case .set(let set): return { set.contains($0) }
            default: return nil
            }
        }

        func matchSeq(_ items: ArraySlice<Node>, _ pos: Int, _ k: (Int) -> Bool) -> Bool {
            guard let first = items.first else { return k(pos) }
            return match(first, pos) { next in matchSeq(items.dropFirst(), next, k) }
        }

        func matchRepeat(
            _ inner: Node, _ lo: Int, _ hi: Int?, _ greedy: Bool, _ count: Int, _ pos: Int, _ k: (Int) -> Bool
        ) -> Bool {
            if count == 0, let single = singleScalarTest(inner) {
                // One scalar per iteration: count the run once, then try lengths without
                // recursing per character (long inputs cannot exhaust the stack).
                var n = 0
                while pos + n < s.count, hi.map({ n < $0 }) ?? true, single(s[pos + n]) { n += 1 }
                guard n >= lo else { return false }
                if greedy {
                    for len in stride(from: n, through: lo, by: -1) where k(pos + len) { return true }
                } else {
                    for len in lo...n where k(pos + len) { return true }
                }
                return false
            }
            let canStop = count >= lo
            let canGo = hi.map { count < $0 } ?? true
            func more() -> Bool {
                // An iteration that consumes nothing cannot help and would loop forever.
                canGo && match(inner, pos) { next in (next != pos || count < lo) && matchRepeat(inner, lo, hi, greedy, count + 1, next, k) }
            }
            if greedy { return more() || (canStop && k(pos)) }
            return (canStop && k(pos)) || more()
        }
    }
}
