/// The `FaaSrBase` module: what the package needs that is not FaaSr — lossless JSON (parser,
/// printer, pointers, source locations), a JSON Schema engine matching Python's `jsonschema`,
/// UTC time, and the one atomic file writer. It imports nothing of the FaaSr domain, so
/// storage can stand on it without the workflow model (docs/decisions.md, module map).
public enum FaaSrBaseModule {
    /// Module name, for diagnostics.
    public static let name = "FaaSrBase"
}
