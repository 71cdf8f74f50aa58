# Runs one FaaSr R user function (FaaSr for Swift).
# Usage: Rscript faasr_entry.R FUNCTION_NAME ARGUMENTS_JSON FUNCTIONS_DIR
# Sources every *.R file under FUNCTIONS_DIR, calls the function with the Arguments as named
# arguments, and reports the result (logical, else NULL) or the error and call stack over RPC.
args <- commandArgs(trailingOnly = TRUE)
source(Sys.getenv("FAASR_R_CLIENT"))
lib <- Sys.getenv("FAASR_R_LIBS", "")
if (lib != "") .libPaths(c(lib, .libPaths()))
name <- args[1]
arguments <- .faasr_from_json(args[2])
if (is.null(arguments)) arguments <- list()
for (f in list.files(args[3], pattern = "\\.R$", recursive = TRUE, full.names = TRUE)) {
  tryCatch(source(f, local = globalenv()), error = function(e) message("error sourcing ", f, ": ", conditionMessage(e)))
}
if (!exists(name, mode = "function", envir = globalenv())) {
  faasr_exit(paste0("cannot find function ", name, " in any .R file under ", args[3]))
  quit(status = 0)
}
fn <- get(name, mode = "function", envir = globalenv())
.faasr_stack <- ""
result <- withCallingHandlers(
  tryCatch(list(ok = TRUE, value = do.call(fn, arguments)),
           error = function(e) list(ok = FALSE, message = conditionMessage(e), stack = .faasr_stack)),
  error = function(e) .faasr_stack <<- paste(vapply(sys.calls(), function(c) paste(deparse(c, nlines = 1), collapse = ""), ""), collapse = "\n"))
if (!isTRUE(result$ok)) {
  faasr_exit(result$message, paste0("Error: ", result$message, "\nCall stack:\n", result$stack))
  quit(status = 0)
}
value <- result$value
if (!(is.logical(value) && length(value) == 1 && !is.na(value))) value <- NULL
faasr_return(value)
quit(status = 0)
