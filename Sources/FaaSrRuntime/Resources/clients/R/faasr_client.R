# FaaSr function API for R user functions (FaaSr for Swift).
#
# Wire-compatible with FaaSr 2.x: every call is a JSON request to the action's local RPC
# server on 127.0.0.1, port $FAASR_RPC_PORT (default 8000). Base R only (no httr/jsonlite
# needed): HTTP/1.0 over a socket connection and a small JSON reader/writer.
# Named arguments work with both FaaSr R signatures (1.x: server_name first; 2.x: local_file first).

.faasr_json_escape <- function(s) {
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  s <- gsub("\n", "\\n", s, fixed = TRUE)
  s <- gsub("\r", "\\r", s, fixed = TRUE)
  s <- gsub("\t", "\\t", s, fixed = TRUE)
  paste0("\"", s, "\"")
}

.faasr_to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x)) && length(x) > 0) {
      parts <- vapply(seq_along(x), function(i) paste0(.faasr_json_escape(names(x)[i]), ":", .faasr_to_json(x[[i]])), "")
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    if (length(x) == 0 && !is.null(names(x))) return("{}")
    return(paste0("[", paste(vapply(x, .faasr_to_json, ""), collapse = ","), "]"))
  }
  if (length(x) != 1) return(paste0("[", paste(vapply(as.list(x), .faasr_to_json, ""), collapse = ","), "]"))
  if (is.na(x)) return("null")
  if (is.logical(x)) return(if (x) "true" else "false")
  if (is.numeric(x)) return(format(x, digits = 15, scientific = FALSE, trim = TRUE))
  .faasr_json_escape(as.character(x))
}

.faasr_from_json <- function(text) {
  chars <- strsplit(text, "")[[1]]
  pos <- 1
  peek <- function() { while (pos <= length(chars) && chars[pos] %in% c(" ", "\n", "\r", "\t")) pos <<- pos + 1; if (pos <= length(chars)) chars[pos] else "" }
  value <- function() {
    ch <- peek()
    if (ch == "{") {
      pos <<- pos + 1; out <- list()
      if (peek() == "}") { pos <<- pos + 1; return(structure(list(), names = character(0))) }
      repeat {
        peek(); key <- string(); peek(); pos <<- pos + 1 # ':'
        v <- value(); out[key] <- list(v)
        ch <- peek(); pos <<- pos + 1
        if (ch == "}") break
      }
      return(out)
    }
    if (ch == "[") {
      pos <<- pos + 1; out <- list()
      if (peek() == "]") { pos <<- pos + 1; return(out) }
      repeat {
        out[[length(out) + 1]] <- value()
        ch <- peek(); pos <<- pos + 1
        if (ch == "]") break
      }
      return(out)
    }
    if (ch == "\"") return(string())
    rest <- paste(chars[pos:min(length(chars), pos + 4)], collapse = "")
    if (startsWith(rest, "true")) { pos <<- pos + 4; return(TRUE) }
    if (startsWith(rest, "false")) { pos <<- pos + 5; return(FALSE) }
    if (startsWith(rest, "null")) { pos <<- pos + 4; return(NULL) }
    start <- pos
    while (pos <= length(chars) && grepl("[-+0-9.eE]", chars[pos])) pos <<- pos + 1
    as.numeric(paste(chars[start:(pos - 1)], collapse = ""))
  }
  string <- function() {
    pos <<- pos + 1; buf <- character(0)
    while (chars[pos] != "\"") {
      if (chars[pos] == "\\") {
        pos <<- pos + 1
        e <- chars[pos]
        buf <- c(buf, switch(e, n = "\n", t = "\t", r = "\r", b = "\b", f = "\f",
                             u = { code <- strtoi(paste(chars[(pos + 1):(pos + 4)], collapse = ""), 16L); pos <<- pos + 4; intToUtf8(code) },
                             e))
      } else buf <- c(buf, chars[pos])
      pos <<- pos + 1
    }
    pos <<- pos + 1
    paste(buf, collapse = "")
  }
  value()
}

# As jsonlite's simplifyVector: a JSON array of scalars of one type becomes an atomic vector
# (FaaSr's R entry parses Arguments with jsonlite::fromJSON); objects stay named lists.
.faasr_simplify <- function(x) {
  if (!is.list(x)) return(x)
  if (!is.null(names(x))) { for (i in seq_along(x)) if (!is.null(x[[i]])) x[[i]] <- .faasr_simplify(x[[i]]); return(x) }
  if (length(x) > 0 && all(vapply(x, function(v) !is.null(v) && !is.list(v) && length(v) == 1, TRUE))) {
    kinds <- unique(vapply(x, function(v) class(v)[1], ""))
    if (length(kinds) == 1) return(unlist(x))
  }
  lapply(x, function(v) if (is.null(v)) v else .faasr_simplify(v))
}

.faasr_rpc <- function(path, body = NULL) {
  port <- Sys.getenv("FAASR_RPC_PORT", "8000")
  if (port == "") port <- "8000"
  payload <- if (is.null(body)) "" else enc2utf8(.faasr_to_json(body))
  con <- socketConnection(host = "127.0.0.1", port = as.integer(port), blocking = TRUE, open = "r+b", timeout = 600)
  on.exit(close(con))
  method <- if (is.null(body)) "GET" else "POST"
  n <- length(charToRaw(payload))
  head <- paste0(method, " ", path, " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ", n, "\r\nConnection: close\r\n\r\n")
  writeBin(c(charToRaw(head), charToRaw(payload)), con)
  flush(con)
  raw <- raw(0)
  repeat { chunk <- readBin(con, "raw", 65536); if (length(chunk) == 0) break; raw <- c(raw, chunk) }
  text <- rawToChar(raw)
  Encoding(text) <- "UTF-8"
  split <- regexpr("\r\n\r\n", text, fixed = TRUE)
  .faasr_from_json(substring(text, split + 4))
}

.faasr_action <- function(procedure, arguments) {
  response <- .faasr_rpc("/faasr-action", list(ProcedureID = procedure, Arguments = arguments))
  if (!isTRUE(response$Success)) stop(paste0(procedure, " failed: ", if (is.null(response$Message)) "no reason given" else response$Message), call. = FALSE)
  if (is.null(response$Data)) list() else response$Data
}

faasr_put_file <- function(local_file, remote_file, server_name = "", local_folder = ".", remote_folder = ".", faasr_config = NULL) {
  .faasr_action("faasr_put_file", list(local_file = as.character(local_file), remote_file = as.character(remote_file),
    server_name = server_name, local_folder = as.character(local_folder), remote_folder = as.character(remote_folder)))
  invisible(TRUE)
}

faasr_get_file <- function(local_file, remote_file, server_name = "", local_folder = ".", remote_folder = ".", faasr_config = NULL) {
  .faasr_action("faasr_get_file", list(local_file = as.character(local_file), remote_file = as.character(remote_file),
    server_name = server_name, local_folder = as.character(local_folder), remote_folder = as.character(remote_folder)))
  invisible(TRUE)
}

faasr_delete_file <- function(remote_file, server_name = "", remote_folder = "", faasr_config = NULL) {
  .faasr_action("faasr_delete_file", list(remote_file = as.character(remote_file), server_name = server_name,
    remote_folder = as.character(remote_folder)))
  invisible(TRUE)
}

faasr_get_folder_list <- function(server_name = "", prefix = "", faasr_prefix = "", faasr_config = NULL) {
  if (prefix == "") prefix <- faasr_prefix
  unlist(.faasr_action("faasr_get_folder_list", list(server_name = server_name, prefix = as.character(prefix)))$folder_list)
}

faasr_log <- function(log_message) {
  if (is.null(log_message) || log_message == "") stop("faasr_log called with an empty log_message", call. = FALSE)
  .faasr_action("faasr_log", list(log_message = paste(as.character(log_message), collapse = "\n")))
  invisible(TRUE)
}

faasr_rank <- function() {
  d <- .faasr_action("faasr_rank", structure(list(), names = character(0)))
  list(max_rank = d$max_rank, rank = d$rank, MaxRank = as.character(d$max_rank), Rank = as.character(d$rank))
}

faasr_invocation_id <- function() .faasr_action("faasr_invocation_id", structure(list(), names = character(0)))$invocation_id

faasr_get_s3_creds <- function(server_name = "") .faasr_action("faasr_get_s3_creds", list(server_name = server_name))$s3_creds

faasr_secret <- function(secret_name) .faasr_action("faasr_secret", list(secret_name = secret_name))$secret_value

faasr_return <- function(value = NULL) {
  r <- .faasr_rpc("/faasr-return", list(FunctionResult = value))
  if (!isTRUE(r$Success)) stop("faasr_return was refused", call. = FALSE)
  invisible(TRUE)
}

faasr_exit <- function(message = NULL, traceback = NULL) {
  .faasr_rpc("/faasr-exit", list(Error = TRUE, Message = message, Traceback = traceback))
  invisible(TRUE)
}
