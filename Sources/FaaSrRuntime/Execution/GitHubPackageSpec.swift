import Foundation

/// One `FunctionGitHubPackage` item: `owner/repo`, optionally with a sub-directory holding
/// the package and a ref (branch, tag or commit), as `remotes::install_github` writes it:
/// `owner/repo[/sub/dir][@ref]`; a `https://github.com/` prefix and a `.git` suffix are
/// accepted too.
struct GitHubPackageSpec: Equatable {
    /// The repository owner and name.
    var owner, repo: String
    /// The package's folder inside the repository ("" for the root).
    var subdirectory: String
    /// The branch, tag or commit (nil: the default branch).
    var ref: String?

    /// The item as written (normalised), for messages and markers.
    var text: String {
        "\(owner)/\(repo)" + (subdirectory.isEmpty ? "" : "/\(subdirectory)") + (ref.map { "@\($0)" } ?? "")
    }

    /// The pip requirement for a Python package from this repository.
    var pipRequirement: String {
        "git+https://github.com/\(owner)/\(repo).git" + (ref.map { "@\($0)" } ?? "")
            + (subdirectory.isEmpty ? "" : "#subdirectory=\(subdirectory)")
    }

    /// An item from its parts.
    init(owner: String, repo: String, subdirectory: String = "", ref: String? = nil) {
        self.owner = owner
        self.repo = repo
        self.subdirectory = subdirectory
        self.ref = ref
    }

    /// Parses an item; a clear error says what form is expected.
    init(_ item: String) throws {
        var s = item.trimmingCharacters(in: .whitespaces)
        for prefix in ["https://github.com/", "http://github.com/", "github.com/"] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count))
        }
        let hint = "write it as owner/repo, owner/repo@ref or owner/repo/sub/dir@ref"
        if s.contains("#") {
            throw RuntimeFailure("FunctionGitHubPackage '\(item)': pull-request references (#) are not supported; \(hint)")
        }
        var ref: String?
        if let at = s.firstIndex(of: "@") {
            ref = String(s[s.index(after: at)...])
            s = String(s[..<at])
            if ref?.isEmpty == true { throw RuntimeFailure("FunctionGitHubPackage '\(item)': empty ref after @; \(hint)") }
            if ref?.hasPrefix("*") == true {
                throw RuntimeFailure("FunctionGitHubPackage '\(item)': @*release is not supported; name the release tag, \(hint)")
            }
        }
        var parts = s.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.count >= 2, parts[1].hasSuffix(".git") { parts[1] = String(parts[1].dropLast(4)) }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard parts.count >= 2, parts[0...1].allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(allowed.contains) }),
              !parts.contains(".."), ref.map({ !$0.contains("..") && !$0.contains(" ") }) ?? true else {
            throw RuntimeFailure("FunctionGitHubPackage '\(item)' is not a GitHub repository; \(hint)")
        }
        owner = parts[0]
        repo = parts[1]
        subdirectory = parts.dropFirst(2).joined(separator: "/")
        self.ref = ref
    }
}
