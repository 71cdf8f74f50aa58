/// Work the reducer asks the outside world to do. The executable runs effects and reports
/// results back as ``AppEvent``s; tests just look at them.
public enum Effect: Equatable, Sendable {
    /// Write `text` to `path` atomically (temp file + rename, mode kept).
    case save(path: String, text: String)
    /// Write the autosave recovery file.
    case writeRecovery(path: String, text: String)
    /// Delete the recovery file (after a save, or when the user discards).
    case removeRecovery(path: String)
    /// Find which of an export's files exist; the answer comes back as
    /// ``AppEvent/exportChecked(_:existing:)``.
    case checkExport(ExportPlan)
    /// Write several files atomically (export for the web builder).
    case export(files: [ExportFile])
    /// Read a workflow file; the result comes back as ``AppEvent/opened(path:text:error:)``.
    case open(path: String)
    /// List a folder for the file browser; the result comes back as
    /// ``AppEvent/listed(path:entries:error:)``.
    case listDirectory(path: String)
    /// Read the recovery file of a file just opened; the result comes back as
    /// ``AppEvent/recovery(path:text:)``.
    case readRecovery(path: String)
    /// Leave the app (the terminal is restored by the runner).
    case quit
    /// Start a background job (see ``Job``): it runs as a task and sends many events; starting
    /// a job whose id is running replaces it.
    case start(Job)
    /// Cancel the background job `id` (a run's processes are stopped: see ``ProcessTree``).
    case cancel(JobID)
}

/// A file to write.
public struct ExportFile: Equatable, Sendable {
    /// Where.
    public var path: String
    /// What.
    public var text: String
    /// Creates one.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// What arrives at the reducer.
public enum AppEvent: Equatable, Sendable {
    /// A key.
    case key(Key)
    /// The terminal size changed.
    case resize(Size)
    /// A mouse event.
    case mouse(MouseEvent)
    /// A save finished (`error` nil on success).
    case saved(path: String, error: String?)
    /// These of `plan`'s files exist already.
    case exportChecked(ExportPlan, existing: [String])
    /// An export finished.
    case exported(paths: [String], error: String?)
    /// A file was read for `open`.
    case opened(path: String, text: String?, error: String?)
    /// A folder was listed for the file browser (`path` made absolute).
    case listed(path: String, entries: [DirectoryEntry]?, error: String?)
    /// The recovery file at `path` holds `text` (nil: there is none).
    case recovery(path: String, text: String?)
    /// The local run reported something.
    case run(RunEvent)
    /// The log files of `action` now hold `text` (the log view's tail job).
    case logText(action: String, text: String)
    /// A platform operation (register, invoke, timer, secrets) ended.
    case control(ControlStep, ControlOutcome)
    /// The monitor of a remote invocation read the logging store.
    case monitor(MonitorEvent)
}

/// Which background job: at most one of each runs.
public enum JobID: String, Equatable, Hashable, Sendable {
    /// The local run (`:run`).
    case run
    /// The log view's tail of an action's log files.
    case logTail
    /// A platform operation (`:register`, `:invoke`, `:timer`, `:secrets`).
    case control
    /// The monitor of a remote invocation (`:monitor`).
    case monitor
}

/// Long work that runs in the background and reports over time. Later jobs (register, invoke,
/// watching a remote invocation) plug in as further cases, run by ``EffectRunner/job(_:)``.
public enum Job: Equatable, Sendable {
    /// Run the workflow file at `workflowPath` with `faasr local --events jsonl`, its stores
    /// mapped to folders under `.faasr/` next to the file.
    case localRun(workflowPath: String)
    /// Re-read `files` while they change and send their text as ``AppEvent/logText(action:text:)``.
    case tail(action: String, files: [String])
    /// Run `faasr` for `step` on the workflow file at `workflowPath`.
    case control(ControlStep, workflowPath: String)
    /// Poll `faasr status --json` for `invocation` (nil: the latest) with backoff until every
    /// action has ended.
    case monitor(workflowPath: String, invocation: String?)

    /// The job's id.
    public var id: JobID {
        switch self {
        case .localRun: .run
        case .tail: .logTail
        case .control: .control
        case .monitor: .monitor
        }
    }
}

import TUIKit
