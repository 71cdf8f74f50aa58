"""FaaSr function API for Python user functions (FaaSr for Swift).

Wire-compatible with FaaSr 2.x: every call is a JSON request to the action's local RPC
server. Only the standard library is used, and only `json`, `os` and the C `_socket` of it,
so importing the API is cheap (urllib.request alone took 35-45 ms, `socket` 6 ms). The server
port comes from the environment variable FAASR_RPC_PORT (default 8000, as FaaSr).

Unlike FaaSr's stubs, a failed call raises FaaSrError instead of calling sys.exit(1), so
the traceback reaches the action log.
"""

import json
import os

try:  # the C module: `socket` adds 5 ms of enum set-up to every function's start
    import _socket
except ImportError:  # pragma: no cover - other Pythons
    import socket as _socket

__all__ = [
    "FaaSrError",
    "faasr_get_file",
    "faasr_put_file",
    "faasr_delete_file",
    "faasr_log",
    "faasr_get_folder_list",
    "get_folder_list",
    "faasr_rank",
    "faasr_invocation_id",
    "faasr_get_s3_creds",
    "faasr_secret",
    "faasr_return",
    "faasr_exit",
]


class FaaSrError(RuntimeError):
    """A FaaSr API call failed (the message says which and why)."""


def _port():
    return int(os.environ.get("FAASR_RPC_PORT", "").strip() or "8000")


def _http(method, path, data):
    """One HTTP/1.1 exchange with the RPC server on 127.0.0.1: (status, body bytes)."""
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n")
    sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    try:
        sock.settimeout(600)
        sock.connect(("127.0.0.1", _port()))
        sock.sendall(head.encode("ascii") + data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        sock.close()
    raw = b"".join(chunks)
    header, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        raise OSError("incomplete HTTP response")
    lines = header.split(b"\r\n")
    status = int(lines[0].split()[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    if fields.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = _unchunk(body)
    elif b"content-length" in fields:
        body = body[:int(fields[b"content-length"])]
    return status, body


def _unchunk(body):
    out = []
    while True:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            return b"".join(out)
        out.append(rest[:size])
        body = rest[size + 2:]


def _request(path, body=None):
    try:
        if body is None:
            status, data = _http("GET", path, b"")
        else:
            status, data = _http("POST", path, json.dumps(body).encode("utf-8"))
        if status != 200:
            raise OSError(f"HTTP {status}: {data[:200].decode('utf-8', 'replace')}")
        return json.loads(data.decode("utf-8"))
    except Exception as e:  # connection refused, HTTP error, bad JSON
        raise FaaSrError(f"FaaSr RPC {path} failed: {e}") from None


def _action(procedure, arguments):
    response = _request("/faasr-action", {"ProcedureID": procedure, "Arguments": arguments})
    if not isinstance(response, dict) or not response.get("Success", False):
        message = response.get("Message") if isinstance(response, dict) else None
        raise FaaSrError(f"{procedure} failed: {message or 'no reason given'}")
    return response.get("Data") or {}


def faasr_put_file(local_file, remote_file, server_name="", local_folder=".", remote_folder="."):
    """Upload local_folder/local_file to remote_folder/remote_file in a data store."""
    _action("faasr_put_file", {
        "local_file": str(local_file), "remote_file": str(remote_file),
        "server_name": server_name, "local_folder": str(local_folder),
        "remote_folder": str(remote_folder),
    })
    return True


def faasr_get_file(local_file, remote_file, server_name="", local_folder=".", remote_folder="."):
    """Download remote_folder/remote_file from a data store to local_folder/local_file."""
    _action("faasr_get_file", {
        "local_file": str(local_file), "remote_file": str(remote_file),
        "server_name": server_name, "local_folder": str(local_folder),
        "remote_folder": str(remote_folder),
    })
    return True


def faasr_delete_file(remote_file, server_name="", remote_folder=""):
    """Delete remote_folder/remote_file from a data store."""
    _action("faasr_delete_file", {
        "remote_file": str(remote_file), "server_name": server_name,
        "remote_folder": str(remote_folder),
    })
    return True


def faasr_log(log_message):
    """Append a line to this action's log."""
    if not log_message:
        raise FaaSrError("faasr_log called with an empty log_message")
    _action("faasr_log", {"log_message": str(log_message)})
    return True


def faasr_get_folder_list(server_name="", prefix="", faasr_prefix=None):
    """Full keys of the objects under prefix (folder markers left out)."""
    if faasr_prefix is not None and not prefix:
        prefix = faasr_prefix
    data = _action("faasr_get_folder_list", {"server_name": server_name, "prefix": str(prefix)})
    return list(data.get("folder_list") or [])


def get_folder_list(server_name="", prefix="", faasr_prefix=None):
    """Alias of faasr_get_folder_list."""
    return faasr_get_folder_list(server_name, prefix, faasr_prefix)


def faasr_rank():
    """{"max_rank": N, "rank": i} for a ranked copy; {"max_rank": 1, "rank": 1} otherwise."""
    return _action("faasr_rank", {})


def faasr_invocation_id():
    """The InvocationID of the running workflow."""
    return _action("faasr_invocation_id", {})["invocation_id"]


def faasr_get_s3_creds(server_name=""):
    """Bucket, region, endpoint, keys and anonymous flag of a data store."""
    return _action("faasr_get_s3_creds", {"server_name": server_name})["s3_creds"]


def faasr_secret(secret_name):
    """The value of a secret listed in the workflow's Secrets."""
    if not secret_name:
        raise FaaSrError("faasr_secret called with an empty secret_name")
    return _action("faasr_secret", {"secret_name": secret_name})["secret_value"]


def faasr_return(return_value=None):
    """Report the function's result (used by the runtime's entry script)."""
    response = _request("/faasr-return", {"FunctionResult": return_value})
    if not isinstance(response, dict) or not response.get("Success", False):
        raise FaaSrError(f"faasr_return rejected the value {return_value!r}: "
                         f"{(response or {}).get('Message') if isinstance(response, dict) else response}")
    return True


def faasr_exit(message=None, error=True, traceback=None):
    """Report a failure (used by the runtime's entry script)."""
    _request("/faasr-exit", {"Error": error, "Message": message, "Traceback": traceback})
    return True
