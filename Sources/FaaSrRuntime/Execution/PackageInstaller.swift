import FaaSrCore
import Foundation

/// Installs a function's packages (spec/runtime.md §2.7.3) into `{packages}/python` (pip
/// `-t`) or `{packages}/R` (an R library the R entry puts first on `.libPaths()`); a failed
/// install is an error that names the package and says how to fix it.
struct PackageInstaller {
    let payload: ActionPayload
    /// Where GitHub tarballs come from (API base and `GH_PAT`).
    let source: WorkflowSource
    let log: ActionLog
    let environment: [String: String]

    init(payload: ActionPayload, source: WorkflowSource = WorkflowSource(), log: ActionLog, environment: [String: String]) {
        self.payload = payload
        self.source = source
        self.log = log
        self.environment = environment
    }

    func install(functionName: String, type: String, into dir: URL) async throws {
        let pypi = FunctionCode.list(payload["PyPIPackageDownloads"]?.objectValue?[functionName])
        let cran = FunctionCode.list(payload["FunctionCRANPackage"]?.objectValue?[functionName])
        let gh = FunctionCode.list(payload["FunctionGitHubPackage"]?.objectValue?[functionName])
        if type == "Python", !(pypi.isEmpty && gh.isEmpty) {
            let python = environment["FAASR_PYTHON"] ?? "python3"
            guard let exe = ChildProcess.which(python, path: environment["PATH"]) else {
                throw RuntimeFailure("installing PyPI packages (\((pypi + gh).joined(separator: ", "))) for \(functionName) needs \(python),"
                                     + " which is not on PATH (install Python 3, or set FAASR_PYTHON)")
            }
            let target = dir.appendingPathComponent("python").path
            let requirements = try pypi + gh.map { try GitHubPackageSpec($0).pipRequirement }
            for p in requirements {
                log.log(.info, "installing \(p)")
                let out = try await ChildProcess.run(
                    executable: exe, arguments: ["-m", "pip", "install", "--no-input", "--disable-pip-version-check", "-q", p, "-t", target],
                    directory: URL(fileURLWithPath: NSTemporaryDirectory()), environment: environment, timeout: .seconds(1800),
                    onLine: { log.output($0) })
                guard out.status == 0 else {
                    throw RuntimeFailure("pip install \(p) for \(functionName) failed (status \(out.status)); see the pip output in the action log")
                }
            }
        }
        if type == "R", !(cran.isEmpty && gh.isEmpty) {
            let r = RPackageInstaller(source: source, log: log, environment: environment,
                                      library: dir.appendingPathComponent("R"), markers: dir.appendingPathComponent("R-github"))
            try await r.install(cran: cran, gitHub: gh, for: functionName)
        }
    }
}
