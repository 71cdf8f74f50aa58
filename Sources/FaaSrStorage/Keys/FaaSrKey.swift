/// Object keys built from FaaSr's `remote_folder` and `remote_file` arguments, exactly as
/// FaaSr 2.x does it (FaaSr_py/s3_api, pathlib semantics; spec/runtime.md §3.4).
public enum FaaSrKey {
    /// The key for `remoteFile` inside `remoteFolder`.
    ///
    /// Runs of `/` are collapsed, `.` segments and empty folders vanish, `..` is kept, a
    /// trailing `/` is dropped, a leading `/` is kept, and an absolute `remoteFile` discards
    /// the folder: `("x//y", "b//c.csv")` → `x/y/b/c.csv`, `("/x", "a.csv")` → `/x/a.csv`,
    /// `("x", "/a.csv")` → `/a.csv`, `(".", "a.csv")` → `a.csv`.
    public static func make(folder remoteFolder: String, file remoteFile: String) -> String {
        let joined: String
        if remoteFile.hasPrefix("/") {
            joined = remoteFile
        } else if remoteFolder.isEmpty {
            joined = remoteFile
        } else {
            joined = remoteFolder + "/" + remoteFile
        }
        return normalize(joined)
    }

    /// A path normalised like Python's `str(PurePosixPath(path))` after collapsing `//`:
    /// `.` and empty segments dropped, leading `/` kept, `..` kept; `""` becomes `.`.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }
        let body = segments.joined(separator: "/")
        if absolute { return "/" + body }
        return body.isEmpty ? "." : body
    }
}
