# Runs one FaaSr R user function (FaaSr for Swift).
# Usage: Rscript faasr_entry.R --standby (the runtime starts it)
# R starts and loads the API while the runtime is still busy (standby), then reads one JSON
# line from standard input ({"function", "arguments", "functions_dir", "packages_dir",
# "rpc_port"}); no user code runs before it, and end of input means: exit quietly.
# Sources every *.R file under functions_dir, calls the function with the Arguments as named
# arguments, and reports the result (logical, else NULL) or the error, with its call stack,
# over RPC. The process exits 0 either way, as FaaSr's; the action then fails on the error.
args <- commandArgs(trailingOnly = TRUE)
if (!identical(args, "--standby")) {
  message("usage: Rscript faasr_entry.R --standby (the runtime starts it)")
  quit(status = 2)
}
source(Sys.getenv("FAASR_R_CLIENT"))
line <- readLines(file("stdin"), n = 1, warn = FALSE)
if (length(line) == 0 || !nzchar(trimws(line))) quit(status = 0)
go <- .faasr_from_json(line)
Sys.setenv(FAASR_RPC_PORT = format(go$rpc_port, scientific = FALSE))
name <- go$`function`
arguments <- .faasr_simplify(go$arguments)
dir <- go$functions_dir
lib <- if (is.null(go$packages_dir)) "" else go$packages_dir
if (lib != "" && dir.exists(lib)) .libPaths(c(lib, .libPaths()))
if (is.null(arguments) || length(arguments) == 0) arguments <- list()
for (f in sort(list.files(dir, pattern = "\\.R$", recursive = TRUE, full.names = TRUE))) {
  tryCatch(source(f, local = globalenv()), error = function(e) message("error sourcing ", f, ": ", conditionMessage(e)))
}
if (!exists(name, mode = "function", envir = globalenv())) {
  faasr_exit(paste0("cannot find function ", name, " in any .R file under ", dir))
  quit(status = 0)
}

# The call stack at the error, from the user function down to stop(): the frames after
# do.call, without the condition-handling frames R adds.
.faasr_stack <- function(calls) {
  text <- vapply(calls, function(c) paste(deparse(c, nlines = 1, width.cutoff = 200L), collapse = ""), "")
  start <- match(TRUE, startsWith(text, "do.call("))
  if (is.na(start)) start <- 0
  text <- text[-seq_len(start)]
  text <- head(text, -1) # the handler itself
  if (length(text) > 0 && startsWith(text[length(text)], ".handleSimpleError(")) text <- head(text, -1)
  text
}

.faasr_failure <- NULL
result <- tryCatch(
  withCallingHandlers(list(ok = TRUE, value = do.call(name, arguments, envir = globalenv())),
    error = function(e) .faasr_failure <<- list(message = conditionMessage(e), call = conditionCall(e), stack = .faasr_stack(sys.calls()))),
  error = function(e) list(ok = FALSE, message = conditionMessage(e)))
if (!isTRUE(result$ok)) {
  f <- .faasr_failure
  where <- if (!is.null(f$call)) paste0(" in ", paste(deparse(f$call, nlines = 1), collapse = "")) else ""
  stack <- if (length(f$stack) > 0) paste0(seq_along(f$stack), ": ", f$stack, collapse = "\n") else "(no calls)"
  trace <- paste0("Error", where, ": ", result$message, "\nR call stack (outermost first):\n", stack)
  faasr_exit(result$message, trace)
  quit(status = 0)
}
value <- result$value
if (!(is.logical(value) && length(value) == 1 && !is.na(value))) value <- NULL
faasr_return(value)
quit(status = 0)
