"""Runs one action with faasr-py 2.1.0 (FaaSr's own Python runtime), for RuntimeBench's
side-by-side figures. It follows the GitHub Actions entry point of FaaSr-Docker
(faas_specific/faasr_entry.py, spec/runtime.md §2.1) step by step, with two substitutions so
that nothing leaves the machine:
  - the workflow JSON is read from a local file instead of the GitHub contents API;
  - successors are not sent (FaaSr's SKIP_REAL_TRIGGERS behaviour: logged, not invoked).
Everything else (payload, secrets, DAG check, S3 check, entry set-up, fan-in gate and lock,
S3 log handler, RPC server on 127.0.0.1:8000, function process, .done, log flush) is
faasr-py's own code talking to the S3 server named in the workflow.

    PYTHONPATH=/opt/faasr-py python3 faasr_py_action.py WORKFLOW.json 'OVERWRITTEN-JSON'
Prints `FAASRPY maxrss_kb=N child_kb=N exit=N` last.
"""
import json
import os
import resource
import signal
import sys
from datetime import datetime


def main():
    # A parent that blocks signals (a Swift process does) passes its mask on; faasr-py stops
    # its RPC server with SIGTERM, so unblock everything first, as in a fresh container.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    start_time = datetime.now()
    workflow_file, overwritten = sys.argv[1], json.loads(sys.argv[2])
    with open(workflow_file) as f:
        workflow_text = f.read()

    import FaaSr_py.engine.faasr_payload as payload_module
    from FaaSr_py import Executor, FaaSrPayload, S3LogSender, global_config
    from FaaSr_py.engine.scheduler import Scheduler

    payload_module.faasr_get_github_raw = lambda token=None, path=None: workflow_text

    def simulated_trigger(self, workflow_name, function):
        print(f"SIMULATED TRIGGER: {function}", flush=True)

    Scheduler.trigger_func = simulated_trigger

    faasr_payload = FaaSrPayload("local/bench/main/" + os.path.basename(workflow_file), overwritten)
    server = faasr_payload["ComputeServers"][faasr_payload["ActionList"][faasr_payload["FunctionInvoke"]]["FaaSServer"]]
    if server.get("UseSecretStore"):
        faasr_payload.replace_secrets(dict(os.environ))
    faasr_payload.start()
    global_config.add_s3_log_handler(faasr_payload, start_time)
    function_executor = Executor(faasr_payload)
    function_result = function_executor.run_func(faasr_payload["FunctionInvoke"], start_time)
    Scheduler(faasr_payload).trigger_all(workflow_name=faasr_payload["WorkflowName"], return_val=function_result)
    S3LogSender.get_log_sender().flush_log()
    print(f"Finished action - InvocationID: {faasr_payload['InvocationID']}", flush=True)


if __name__ == "__main__":
    code = 0
    try:
        main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"FAASRPY maxrss_kb={own} child_kb={children} exit={code}", flush=True)
    sys.exit(code)
