import FaaSrCore
import FaaSrStorage
import Foundation
import Testing
@testable import FaaSrRuntime

/// The interpreter starts in standby while the runtime checks stores and fetches code: no
/// user code runs before the go line, it is stopped when the action ends without its
/// function, and packages installed after it started are importable.
@Suite struct StandbyTests {
    /// Runs action `s` of a one-action workflow whose function `f` is `code` (through
    /// ``PythonFunctionTests/run(_:function:args:next:maxRuntime:extra:env:)``); also returns
    /// the action's working directory.
    func run(_ code: String, arguments: JSONObject = JSONObject(), extra: [(String, JSONValue)] = [],
             env: [String: String] = [:]) async throws -> (ActionOutcome, World, URL, String) {
        let (o, w, log) = try await PythonFunctionTests().run(code, function: "f", args: arguments, extra: extra, env: env)
        return (o, w, w.root.appendingPathComponent("work"), log)
    }

    /// Processes whose current directory is `dir` (or below it).
    func processes(in dir: URL) -> [Int32] {
        let target = dir.resolvingSymlinksInPath().path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd") else { return false }
            return cwd == target || cwd.hasPrefix(target + "/")
        }
    }

    @Test func failedStoreCheckStopsTheWaitingInterpreterBeforeUserCode() async throws {
        // The second store's endpoint is refused after the interpreter was started.
        let bad = JSONValue.object(JSONObject([.init(key: "Endpoint", value: "ftp://example.invalid"),
                                               .init(key: "Bucket", value: "b")]))
        var stores = TestWorkflow.make([("s", [])]).object("DataStores")!
        stores["Bad"] = bad
        let (o, _, work, log) = try await run("""
        open("imported.txt", "w").write("user code ran")

        def f():
            open("called.txt", "w").write("user code ran")
        """, extra: [("DataStores", .object(stores))])
        #expect(o.kind == .failed)
        #expect(o.message?.contains("Endpoint 'ftp://example.invalid' must start with http") == true, "\(o.message ?? "")")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("imported.txt").path))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("called.txt").path))
        // The interpreter was started in the working directory, and is gone.
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent(".faasr/clients/python/FaaSr_py/entry.py").path))
        #expect(processes(in: work).isEmpty)
        #expect(!log.contains("Starting Python function"))
    }

    @Test func packagesInstalledAfterTheInterpreterStartedAreImportable() async throws {
        // A wheel made here, installed by `pip install -t` with no index (PIP_NO_INDEX,
        // PIP_FIND_LINKS), after the interpreter is already waiting.
        let wheels = temporaryDirectory("wheels")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", "-c", """
        import sys, zipfile, base64, hashlib
        files = {
            "faasrdemo/__init__.py": "VALUE = 'from the wheel'\\n",
            "faasrdemo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: faasrdemo\\nVersion: 1.0\\n",
            "faasrdemo-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
        }
        record = []
        with zipfile.ZipFile(sys.argv[1] + "/faasrdemo-1.0-py3-none-any.whl", "w") as z:
            for name, text in files.items():
                data = text.encode()
                z.writestr(name, data)
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                record.append(f"{name},sha256={digest},{len(data)}")
            record.append("faasrdemo-1.0.dist-info/RECORD,,")
            z.writestr("faasrdemo-1.0.dist-info/RECORD", "\\n".join(record) + "\\n")
        """, wheels.path]
        try make.run()
        make.waitUntilExit()
        #expect(make.terminationStatus == 0)
        let (o, w, _, log) = try await run("""
        def f():
            import faasrdemo
            open("value.txt", "w").write(faasrdemo.VALUE)
            faasr_put_file(local_file="value.txt", remote_file="value.txt", remote_folder="out")
        """, extra: [("PyPIPackageDownloads", .object(JSONObject([.init(key: "f", value: .array(["faasrdemo"]))])))],
           env: ["PIP_NO_INDEX": "1", "PIP_FIND_LINKS": wheels.path])
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(String(decoding: try await w.store().getData("out/value.txt"), as: UTF8.self) == "from the wheel")
    }

    @Test func argumentsAndPortArriveWithTheGoLine() async throws {
        // The go line carries arguments with newlines and quotes intact.
        let (o, _, _, log) = try await run("""
        import os
        def f(text, n):
            faasr_log("port " + os.environ["FAASR_RPC_PORT"])
            faasr_log(repr(text) + " " + str(n))
        """, arguments: JSONObject([.init(key: "text", value: "two\nlines \"quoted\" é"), .init(key: "n", value: 3)]))
        #expect(o.kind == .succeeded, "\(o.message ?? "")\n\(log)")
        #expect(log.contains("'two\\nlines \"quoted\" é' 3"), "\(log)")
        let port = log.components(separatedBy: "RPC on 127.0.0.1:").dropFirst().first?.prefix { $0.isNumber } ?? ""
        #expect(!port.isEmpty && log.contains("port \(port)"), "\(log)")
    }
}

/// pyenv shims are resolved as pyenv would resolve them.
@Suite struct PyenvShimTests {
    /// A fake `$PYENV_ROOT` with a shim and the given versions' interpreters.
    func root(versions: [String]) throws -> URL {
        let root = temporaryDirectory("pyenv")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("shims"), withIntermediateDirectories: true)
        let shim = root.appendingPathComponent("shims/python3")
        try Data("#!/usr/bin/env bash\nexec pyenv exec python3 \"$@\"\n".utf8).write(to: shim)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shim.path)
        for v in versions {
            let bin = root.appendingPathComponent("versions/\(v)/bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try Data("#!/bin/sh\n".utf8).write(to: bin.appendingPathComponent("python3"))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("python3").path)
        }
        return root
    }

    @Test func precedenceOfVersionSources() throws {
        let r = try root(versions: ["3.11.7", "3.12.1", "3.10.4"])
        let shim = r.appendingPathComponent("shims/python3").path
        let project = temporaryDirectory("project")
        let work = project.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let env = ["PYENV_ROOT": r.path, "PATH": "\(r.path)/shims:/usr/bin"]
        // No version file anywhere: "system" is the first python3 on PATH outside pyenv.
        let system = PyenvShim.resolve(shim, directory: work, environment: env)
        #expect(system?.executable == (FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : nil))
        // The global version file.
        try Data("# comment\n3.11.7\n".utf8).write(to: r.appendingPathComponent("version"))
        #expect(PyenvShim.resolve(shim, directory: work, environment: env)?.executable == "\(r.path)/versions/3.11.7/bin/python3")
        #expect(PyenvShim.resolve(shim, directory: work, environment: env)?.path == "\(r.path)/versions/3.11.7/bin:\(r.path)/shims:/usr/bin")
        // A .python-version above the working directory wins over the global file.
        try Data("3.12.1\n".utf8).write(to: project.appendingPathComponent(".python-version"))
        #expect(PyenvShim.resolve(shim, directory: work, environment: env)?.executable == "\(r.path)/versions/3.12.1/bin/python3")
        // PYENV_VERSION wins over both; the first installed of a list is taken.
        var withVersion = env
        withVersion["PYENV_VERSION"] = "3.9.0:3.10.4"
        #expect(PyenvShim.resolve(shim, directory: work, environment: withVersion)?.executable == "\(r.path)/versions/3.10.4/bin/python3")
    }

    @Test func keepsTheShimWhenUnsure() throws {
        let r = try root(versions: ["3.11.7"])
        let shim = r.appendingPathComponent("shims/python3").path
        let work = temporaryDirectory("work")
        // A version that is not installed: pyenv itself must say so.
        #expect(PyenvShim.resolve(shim, directory: work, environment: ["PYENV_ROOT": r.path, "PYENV_VERSION": "3.8.1"]) == nil)
        // Not a shim.
        #expect(PyenvShim.resolve("/usr/bin/python3", directory: work, environment: ["PYENV_ROOT": r.path]) == nil)
        // HOME/.pyenv when PYENV_ROOT is unset.
        #expect(PyenvShim.resolve(shim, directory: work, environment: ["HOME": r.deletingLastPathComponent().path]) == nil)
        // Names with a slash are ignored, as pyenv does.
        try Data("../../etc\n".utf8).write(to: work.appendingPathComponent(".python-version"))
        #expect(PyenvShim.resolve(shim, directory: work, environment: ["PYENV_ROOT": r.path, "PATH": "/nonexistent"]) == nil)
    }
}
