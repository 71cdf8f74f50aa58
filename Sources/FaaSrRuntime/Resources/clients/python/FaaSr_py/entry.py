"""Runs one FaaSr user function in its own process (FaaSr for Swift).

Usage: python3 -m FaaSr_py.entry --standby

The interpreter starts and loads this API while the runtime is still busy (standby), then
reads one JSON line from standard input: {"function", "arguments", "functions_dir",
"packages_dir", "rpc_port"}; no user code runs before it. End of input means the action ended
without its function: exit 0 quietly.

Finds the function as FaaSr does (walk functions_dir, import every .py file, first callable
attribute with that name), injects the API into its globals, calls it with the Arguments as
keyword arguments and reports the result over /faasr-return, or the error and traceback over
/faasr-exit. Exits 0 when the outcome was reported, 1 when it could not be.
"""

import importlib
import json
import os
import sys

try:  # the C module: `signal` adds 1.5 ms of enum set-up
    import _signal as signal
except ImportError:  # pragma: no cover - other Pythons
    import signal

import FaaSr_py

# The runtime (a Swift process) blocks SIGTERM, SIGINT and others in its threads, and a
# spawned child inherits that mask: unblock everything so the function sees signals as it
# would in a fresh container (and MaxRuntime's SIGTERM stops it at once).
if hasattr(signal, "pthread_sigmask"):
    signal.pthread_sigmask(signal.SIG_SETMASK, [])

_IGNORED = {
    "test_gh_invoke.py", "test.py", "func_test.py", "faasr_start_invoke_helper.py",
    "faasr_start_invoke_openwhisk.py", "faasr_start_invoke_aws-lambda.py",
    "faasr_start_invoke_github_actions.py",
}

_API = [
    "faasr_put_file", "faasr_get_file", "faasr_delete_file", "faasr_get_folder_list",
    "get_folder_list", "faasr_log", "faasr_rank", "faasr_get_s3_creds", "faasr_secret",
    "faasr_invocation_id",
]


def find_function(name, directory):
    """The first callable named `name` in the .py files under `directory`, or None."""
    directory = os.path.abspath(directory)
    importlib.invalidate_caches()
    if directory not in sys.path:
        sys.path.insert(0, directory)
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith(".py") or f in _IGNORED:
                continue
            rel = os.path.relpath(root, directory)
            stem = os.path.splitext(f)[0]
            module_name = stem if rel == "." else os.path.join(rel, stem).replace(os.path.sep, ".")
            try:
                module = importlib.import_module(module_name)
            except ImportError as e:
                print(f"[WARNING] skipping {os.path.join(rel, f)}: import error: {e}", flush=True)
                continue
            obj = module.__dict__.get(name)
            if obj is not None and callable(obj):
                return obj
    return None


def _format_exc():
    import traceback  # only on failure: it pulls in linecache and tokenize
    return traceback.format_exc()


def _standby():
    """Waits for the runtime's go line; returns (name, arguments, directory) or None."""
    line = sys.stdin.buffer.readline()
    if not line.strip():
        return None
    go = json.loads(line.decode("utf-8"))
    os.environ["FAASR_RPC_PORT"] = str(int(go["rpc_port"]))
    packages = go.get("packages_dir")
    if packages:
        # Packages are installed after this interpreter started: put their folder on the
        # path now, where PYTHONPATH put it before (right after the folder holding this API),
        # and forget any earlier "no such folder" lookup of it.
        if packages not in sys.path:
            here = os.path.dirname(os.path.dirname(os.path.abspath(FaaSr_py.__file__)))
            at = next((i + 1 for i, p in enumerate(sys.path) if p and os.path.abspath(p) == here), len(sys.path))
            sys.path.insert(at, packages)
        sys.path_importer_cache.pop(packages, None)
    return go["function"], go.get("arguments"), go["functions_dir"]


def main(argv):
    if len(argv) == 2 and argv[1] == "--standby":
        try:
            go = _standby()
        except Exception as e:
            print(f"[ERROR] bad start line from the runtime: {e}", file=sys.stderr, flush=True)
            return 1
        if go is None:
            return 0
        name, args, directory = go
        return run(name, args, directory)
    print("usage: python3 -m FaaSr_py.entry --standby (the runtime starts it)", file=sys.stderr)
    return 2


def run(name, args, directory):
    """Finds and calls the function, and reports how it ended."""
    try:
        if args is None:
            args = {}
        if not isinstance(args, dict):
            raise TypeError("Arguments must be a JSON object")
        fn = find_function(name, directory)
        if fn is None:
            FaaSr_py.faasr_exit(message=f"cannot find function {name} in any .py file under {directory}")
            return 0
        for api in _API:
            if hasattr(fn, "__globals__"):
                fn.__globals__[api] = getattr(FaaSr_py, api)
    except Exception as e:
        FaaSr_py.faasr_exit(message=f"failed to load function {name}: {e}", traceback=_format_exc())
        return 0
    try:
        result = fn(**args)
    except BaseException as e:  # SystemExit from user code counts as a failure too
        FaaSr_py.faasr_exit(message=f"{type(e).__name__}: {e}", traceback=_format_exc())
        return 0
    try:
        FaaSr_py.faasr_return(result)
    except FaaSr_py.FaaSrError as e:
        print(str(e), file=sys.stderr, flush=True)
        return 1
    return 0


def _exit(code):
    """Ends the process as a normal exit would, without the interpreter's slow teardown
    (15-20 ms measured): what user code can rely on still happens (non-daemon threads are
    joined, atexit handlers run, standard streams are flushed); only the destruction of every
    module object is skipped."""
    threading = sys.modules.get("threading")
    if threading is not None and hasattr(threading, "_shutdown"):
        threading._shutdown()
    import atexit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(code)


if __name__ == "__main__":
    _exit(main(sys.argv))
