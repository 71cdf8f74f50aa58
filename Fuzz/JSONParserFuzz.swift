// libFuzzer entry point for the FaaSrCore JSON loader. Built by Fuzz/run-json-fuzz together with
// Sources/FaaSrCore/JSON (no package, no tests): see Fuzz/README.md.

/// Called by libFuzzer with each input. Crashes, sanitizer reports and failed invariants
/// (traps) are findings.
@c(LLVMFuzzerTestOneInput)
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let doc = try JSONDocument(bytes: bytes)
        // Accepted texts must round-trip in both printers.
        let canonical = doc.serializedCanonical()
        guard let again = try? JSONDocument(text: canonical), again.root == doc.root else {
            fatalError("canonical print did not round-trip")
        }
        guard again.serializedCanonical() == canonical else { fatalError("canonical print is not stable") }
        guard let laidOut = try? JSONDocument(text: doc.serializedPreservingLayout()), laidOut.root == doc.root else {
            fatalError("layout-preserving print did not round-trip")
        }
        // Every recorded location must be inside the text.
        if let loc = doc.location(of: .root), loc.offset > bytes.count { fatalError("root location out of range") }
    } catch {
        let loc = error.location
        guard loc.offset >= 0, loc.offset <= bytes.count, loc.line >= 1, loc.column >= 1 else {
            fatalError("error location out of range: \(loc)")
        }
        guard loc == LineTable(bytes: bytes).location(ofOffset: loc.offset) else { fatalError("inconsistent location") }
    }
    return 0
}
