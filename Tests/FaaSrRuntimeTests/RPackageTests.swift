import FaaSrCore
import FaaSrStorage
import FaaSrTestSupport
import Foundation
import Testing
@testable import FaaSrRuntime

/// R packages for R functions (spec/runtime.md §2.7.3) with loopback network only:
/// `FunctionCRANPackage` from a CRAN-like repository built in the test (FAASR_CRAN_REPO,
/// file://), `FunctionGitHubPackage` from a repository tarball served by the loopback GitHub
/// (which checks each request against GitHub's REST description), installed with
/// `R CMD INSTALL`; the user function then really uses the package through the runtime.
@Suite struct RPackageTests {
    static let token = "ghp_loopbackTestToken456"

    /// Runs the one-action workflow `s` whose R function `f` (in f.R) has `packages`
    /// (workflow keys such as FunctionCRANPackage, each mapping f to its value).
    func run(_ code: String, packages: [(String, JSONValue)], env extra: [String: String],
             server: GitHubTestServer? = nil) async throws -> (ActionOutcome, String) {
        let w = try World()
        let dir = w.root.appendingPathComponent("wf")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(code.utf8).write(to: dir.appendingPathComponent("f.R"))
        var wf = TestWorkflow.make([("s", [])])
        var list = wf.object("ActionList")!
        var s = list.object("s")!
        s["FunctionName"] = "f"
        s["Type"] = "R"
        list["s"] = .object(s)
        wf["ActionList"] = .object(list)
        wf["FunctionLocalFile"] = .object(JSONObject([.init(key: "f", value: "f.R")]))
        for (key, value) in packages { wf[key] = .object(JSONObject([.init(key: "f", value: value)])) }
        wf["InvocationID"] = "run1"
        wf["InvocationTimestamp"] = "2025-08-29T23-17-01"
        let file = dir.appendingPathComponent("wf.json")
        try Data(JSONValue.object(wf).compactText.utf8).write(to: file)
        var env = ProcessInfo.processInfo.environment
        env["GH_PAT"] = nil
        for (k, v) in extra { env[k] = v }
        var r = ActionRunner(request: PayloadRequest(payloadURL: file.path), stores: w.resolver, trigger: w.trigger,
                             functionRunner: ProcessFunctionRunner(rpcPort: 0),
                             workingDirectory: w.root.appendingPathComponent("work"), environment: env)
        if let server { r.gitHubAPI = server.baseURL }
        r.echo = false
        let o = await r.run()
        let log = (try? await w.store().getData("FaaSrLog/wf/2025-08-29T23-17-01/run1/s.txt")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (o, log)
    }

    /// A CRAN-like repository holding faasrdemo.
    func demoRepository() async throws -> String {
        let src = temporaryDirectory("rsrc").appendingPathComponent("faasrdemo")
        try RPackageFixture.writeDemo(at: src)
        return try await RPackageFixture.repository([src])
    }

    /// The error `body` throws, as text (nil when it does not throw).
    func failure(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch { return "\(error)" }
    }

    func makeInstaller(env: [String: String], server: GitHubTestServer? = nil, token: String? = nil) -> (RPackageInstaller, ActionLog, URL) {
        let log = ActionLog(echo: false)
        let dir = temporaryDirectory("rlib")
        let source = WorkflowSource(gitHubAPI: server?.baseURL ?? "http://127.0.0.1:9", token: token)
        return (RPackageInstaller(source: source, log: log, environment: env, library: dir.appendingPathComponent("R"),
                                  markers: dir.appendingPathComponent("R-github")), log, dir)
    }

    /// FunctionCRANPackage from FAASR_CRAN_REPO: the function loads the package and uses it.
    @Test func cranPackageFromConfiguredRepository() async throws {
        guard try Rscript.require() else { return }
        let repo = try await demoRepository()
        let (o, log) = try await run("""
        f <- function() {
          library(faasrdemo)
          faasr_log(paste("double is", demo_double(21), "from", dirname(find.package("faasrdemo"))))
          TRUE
        }
        """, packages: [("FunctionCRANPackage", "faasrdemo")], env: ["FAASR_CRAN_REPO": repo])
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(log.contains("double is 42 from "), "\(log)")
        #expect(log.contains("/.faasr/packages/R\n"), "\(log)")
        #expect(log.contains("installing R packages faasrdemo (FunctionCRANPackage of f) from \(repo)"), "\(log)")
    }

    /// A package the repository does not have fails the action before the function runs,
    /// naming the package, the repository, R's reason and the fix.
    @Test func missingCRANPackageFailsTheAction() async throws {
        guard try Rscript.require() else { return }
        let repo = try await demoRepository()
        let (o, log) = try await run("f <- function() { faasr_log('the function ran'); TRUE }\n",
                                     packages: [("FunctionCRANPackage", ["faasrdemo", "nosuchpkg"])], env: ["FAASR_CRAN_REPO": repo])
        #expect(o.exitCode == 1)
        let m = o.message ?? ""
        #expect(m.contains("R package nosuchpkg (FunctionCRANPackage of f) could not be installed from \(repo)"), "\(m)")
        #expect(m.contains("package ‘nosuchpkg’ is not available"), "\(m)")
        #expect(m.contains("set FAASR_CRAN_REPO"), "\(m)")
        #expect(!log.contains("the function ran"))
    }

    /// A package already in the library is not installed again: the second install works
    /// with the repository gone.
    @Test func installedCRANPackageIsNotReinstalled() async throws {
        guard try Rscript.require() else { return }
        let repo = try await demoRepository()
        var env = ProcessInfo.processInfo.environment
        env["FAASR_CRAN_REPO"] = repo
        let (first, log, _) = makeInstaller(env: env)
        try await first.install(cran: ["faasrdemo"], gitHub: [], for: "f")
        #expect(first.isInstalled("faasrdemo"))
        try FileManager.default.removeItem(at: URL(fileURLWithPath: String(repo.dropFirst("file://".count))))
        try await first.install(cran: ["faasrdemo"], gitHub: [], for: "f")
        #expect(log.text.contains("R package faasrdemo is already installed in"), "\(log.text)")
        #expect(log.text.components(separatedBy: "installing R packages faasrdemo").count == 2, "\(log.text)")
    }

    /// FunctionGitHubPackage through the tarball API (default branch, a ref, and a
    /// sub-folder with a ref in URL form), with GH_PAT as Bearer token; its CRAN import
    /// comes from FAASR_CRAN_REPO; the function uses both.
    @Test(arguments: [("alice/ghdemo", "alice/ghdemo", "/repos/alice/ghdemo/tarball", ""),
                      ("alice/ghdemo@v1.0", "alice/ghdemo@v1.0", "/repos/alice/ghdemo/tarball/v1.0", ""),
                      ("https://github.com/alice/mono/pkgs/ghdemo@dev", "alice/mono@dev", "/repos/alice/mono/tarball/dev", "pkgs/ghdemo")])
    func gitHubPackageFromTarball(_ item: String, _ key: String, _ path: String, _ sub: String) async throws {
        guard try SharedFixtures.require(), try Rscript.require() else { return }
        let repo = try await demoRepository()
        let tarball = try await RPackageFixture.tarball(top: key.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "@", with: "-") + "-0a1b2c3") {
            try RPackageFixture.writeGitHubDemo(at: sub.isEmpty ? $0 : $0.appendingPathComponent(sub))
            try Data("# repo\n".utf8).write(to: $0.appendingPathComponent("README.md"))
        }
        let server = try GitHubTestServer(tarballs: [key: tarball], token: Self.token)
        try await server.start()
        defer { Task { await server.stop() } }
        let (o, log) = try await run("""
        f <- function() {
          library(ghdemo)
          faasr_log(paste("quadruple is", gh_quadruple(10), "double is", faasrdemo::demo_double(5)))
          TRUE
        }
        """, packages: [("FunctionGitHubPackage", .string(item))], env: ["FAASR_CRAN_REPO": repo, "GH_PAT": Self.token], server: server)
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(log.contains("quadruple is 40 double is 10"), "\(log)")
        #expect(server.problems.isEmpty, "\(server.problems)")
        #expect(server.requests.first?.path == path)
        #expect(server.requests.count == 2)
    }

    /// A second install of the same GitHub item makes no request.
    @Test func installedGitHubPackageIsNotReinstalled() async throws {
        guard try SharedFixtures.require(), try Rscript.require() else { return }
        let tarball = try await RPackageFixture.tarball(top: "alice-plain-0a1b2c3") {
            try RPackageFixture.writePackage("plainpkg", at: $0, exports: ["plain"], code: "plain <- function() 1\n")
        }
        let server = try GitHubTestServer(tarballs: ["alice/plain": tarball], token: nil)
        try await server.start()
        defer { Task { await server.stop() } }
        let (installer, log, _) = makeInstaller(env: ProcessInfo.processInfo.environment, server: server)
        try await installer.install(cran: [], gitHub: ["alice/plain"], for: "f")
        #expect(installer.isInstalled("plainpkg"), "\(log.text)")
        #expect(server.requests.count == 2)
        try await installer.install(cran: [], gitHub: ["alice/plain"], for: "f")
        #expect(server.requests.count == 2)
        #expect(log.text.contains("R package plainpkg from alice/plain is already installed"), "\(log.text)")
        #expect(server.problems.isEmpty, "\(server.problems)")
    }

    /// Failures name the item and say how to fix it: a repository GitHub does not have, a
    /// folder without DESCRIPTION, and a package that R CMD INSTALL rejects.
    @Test func gitHubPackageFailuresAreClear() async throws {
        guard try SharedFixtures.require(), try Rscript.require() else { return }
        let broken = try await RPackageFixture.tarball(top: "alice-broken-0a1b2c3") {
            try RPackageFixture.writePackage("brokenpkg", at: $0, exports: ["b"], code: "b <- function( {\n")
        }
        let server = try GitHubTestServer(tarballs: ["alice/broken": broken], token: nil)
        try await server.start()
        defer { Task { await server.stop() } }
        let (installer, _, _) = makeInstaller(env: ProcessInfo.processInfo.environment, server: server)
        let notFound = await failure { try await installer.install(cran: [], gitHub: ["alice/nothere@v2"], for: "f") } ?? ""
        #expect(notFound.contains("FunctionGitHubPackage alice/nothere@v2 of f: cannot download the repository tarball of alice/nothere@v2"), "\(notFound)")
        #expect(notFound.contains("404") && notFound.contains("GH_PAT"), "\(notFound)")
        let noDescription = await failure { try await installer.install(cran: [], gitHub: ["alice/broken/R"], for: "f") } ?? ""
        #expect(noDescription.contains("FunctionGitHubPackage alice/broken/R of f: folder R has no DESCRIPTION"), "\(noDescription)")
        #expect(noDescription.contains("owner/repo/sub/dir"), "\(noDescription)")
        let rejected = await failure { try await installer.install(cran: [], gitHub: ["alice/broken"], for: "f") } ?? ""
        #expect(rejected.contains("R package brokenpkg from alice/broken (FunctionGitHubPackage alice/broken of f) failed to install with R CMD INSTALL"), "\(rejected)")
        #expect(rejected.contains("owner/repo@ref"), "\(rejected)")
        #expect(!installer.isInstalled("brokenpkg"))
        #expect(server.problems.isEmpty, "\(server.problems)")
    }

    /// Without R on PATH the error names the packages and how to get R; nothing is fetched.
    @Test func missingRIsAClearError() async throws {
        let empty = temporaryDirectory("nopath")
        let (installer, _, _) = makeInstaller(env: ["PATH": empty.path])
        let cran = await failure { try await installer.install(cran: ["faasrdemo", "other.pkg"], gitHub: [], for: "f") } ?? ""
        #expect(cran.contains("installing the R packages faasrdemo, other.pkg (FunctionCRANPackage of f) needs Rscript, which is not on PATH"), "\(cran)")
        #expect(cran.contains("apt-get install r-base-core"))
        let gh = await failure { try await installer.install(cran: [], gitHub: ["alice/ghdemo"], for: "f") } ?? ""
        #expect(gh.contains("installing the R package alice/ghdemo (FunctionGitHubPackage alice/ghdemo of f) needs R (R CMD INSTALL), which is not on PATH"), "\(gh)")
        let bad = await failure { try await installer.install(cran: ["not a name"], gitHub: [], for: "f") } ?? ""
        #expect(bad.contains("FunctionCRANPackage 'not a name' of f is not an R package name"), "\(bad)")
    }

    /// The item forms `remotes::install_github` accepts that we support, and those we refuse.
    @Test func gitHubPackageSpecs() throws {
        let plain = try GitHubPackageSpec("alice/pkg")
        #expect(plain == GitHubPackageSpec(owner: "alice", repo: "pkg", subdirectory: "", ref: nil))
        let full = try GitHubPackageSpec("https://github.com/alice/mono.git/pkgs/a@v1.2")
        #expect(full == GitHubPackageSpec(owner: "alice", repo: "mono", subdirectory: "pkgs/a", ref: "v1.2"))
        #expect(full.text == "alice/mono/pkgs/a@v1.2")
        #expect(full.pipRequirement == "git+https://github.com/alice/mono.git@v1.2#subdirectory=pkgs/a")
        #expect(plain.pipRequirement == "git+https://github.com/alice/pkg.git")
        for bad in ["pkg", "alice/pkg#12", "alice/pkg@*release", "alice/pkg@", "alice/../x", "alice/p kg"] {
            #expect(throws: RuntimeFailure.self, "\(bad)") { try GitHubPackageSpec(bad) }
        }
    }

    /// DESCRIPTION parsing: continuation lines, version constraints, R itself left out.
    @Test func descriptionDependencies() {
        let fields = RPackageInstaller.descriptionFields("""
        Package: ghdemo
        Version: 0.1.0
        Depends: R (>= 4.0), methods
        Imports:
            faasrdemo (>= 0.1.0),
            jsonlite
        LinkingTo: Rcpp
        """)
        #expect(fields["Package"] == "ghdemo")
        #expect(RPackageInstaller.dependencies(fields) == ["methods", "faasrdemo", "jsonlite", "Rcpp"])
        #expect(RPackageInstaller.isPackageName("data.table") && RPackageInstaller.isPackageName("R6"))
        #expect(!RPackageInstaller.isPackageName("x") && !RPackageInstaller.isPackageName("pkg.") && !RPackageInstaller.isPackageName("1pkg"))
    }
}
