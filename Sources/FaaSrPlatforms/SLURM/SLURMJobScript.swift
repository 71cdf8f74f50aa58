import Foundation

/// The batch script of an action's job. It runs the action's container with podman or
/// docker when the node has one (`--network host`, the job's environment passed in, the job's
/// working directory mounted at the same path so `FunctionLocalFile` paths on the cluster's
/// shared file system resolve, and a free RPC port: jobs on one node share its network), else the `faasr` runtime binary itself (`FAASR_BIN`, or `faasr`
/// on PATH) in a fresh folder. `FAASR_SLURM_RUNTIME` (`native`, `podman`, `docker`) in the
/// job's environment forces one.
enum SLURMJobScript {
    /// Single-quoted for bash.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\"'\"'") + "'" }

    /// The script for one action; `passed` are the environment names handed to a container.
    /// `prelude` runs first (a timer's next submission).
    static func action(jobName: String, image: String, passed: [String], prelude: String = "") -> String {
        let envFlags = passed.map { "-e \($0)" }.joined(separator: " ")
        return """
        #!/bin/bash
        # FaaSr action job \(jobName) (submitted by faasr through slurmrestd)
        echo "faasr: job ${SLURM_JOB_ID:-?} (\(jobName)) on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        \(prelude)
        runtime="${FAASR_SLURM_RUNTIME:-}"
        if [ -z "$runtime" ]; then
          if command -v podman >/dev/null 2>&1; then runtime=podman
          elif command -v docker >/dev/null 2>&1; then runtime=docker
          else runtime=native; fi
        fi
        case "$runtime" in
          podman|docker)
            echo "faasr: $runtime run" \(quote(image))
            exec "$runtime" run --rm --network host -v "$PWD:$PWD" -e FAASR_RPC_PORT=0 -e SLURM_JOB_ID \(envFlags) \(quote(image)) ;;
          native)
            faasr="${FAASR_BIN:-$(command -v faasr || true)}"
            if [ -z "$faasr" ] || [ ! -x "$faasr" ]; then
              echo "faasr: this node has neither podman nor docker, and no faasr runtime binary: put faasr on PATH or set FAASR_BIN" >&2
              exit 127
            fi
            work=$(mktemp -d "${TMPDIR:-/tmp}/faasr-job-${SLURM_JOB_ID:-0}.XXXXXX") || exit 1
            cd "$work" || exit 1
            FAASR_RPC_PORT=0 "$faasr" run
            status=$?
            cd / && rm -rf "$work"
            exit $status ;;
          *)
            echo "faasr: FAASR_SLURM_RUNTIME must be native, podman or docker, not '$runtime'" >&2
            exit 2 ;;
        esac
        """
    }

    /// A timer job's first step: submit the next run (same script, same environment) with
    /// sbatch, at the next time of the schedule `faasr timer next` computes. sbatch uses the
    /// cluster's own authentication, so the chain does not depend on a token that expires.
    static func timerPrelude(jobName: String, job: SLURMJob) -> String {
        """
        faasr_next="${FAASR_BIN:-$(command -v faasr || true)}"
        if [ -z "$faasr_next" ] || [ ! -x "$faasr_next" ]; then
          echo "faasr: timer: no faasr binary on this node to compute the next run (set FAASR_BIN); the schedule stops here" >&2
        else
          delay=$("$faasr_next" timer next --cron "$FAASR_TIMER_CRON" --seconds-from-now) || delay=""
          if [ -n "$delay" ]; then
            sbatch --parsable --export=ALL --begin="now+$delay" --job-name=\(quote(jobName)) \
              --partition=\(quote(job.partition)) --nodes=\(job.nodes) --ntasks=\(job.tasks) \
              --cpus-per-task=\(job.cpusPerTask) --mem-per-cpu=\(job.memoryMB) --time=\(job.timeLimitMinutes) \
              --chdir=\(quote(job.workingDirectory)) --output=\(quote("\(job.workingDirectory)/\(jobName)-%j.out")) \
              --error=\(quote("\(job.workingDirectory)/\(jobName)-%j.err")) "$0" \
              && echo "faasr: timer: next run in $delay s" || echo "faasr: timer: sbatch of the next run failed" >&2
          fi
        fi
        """
    }
}
