# Mixed sample, step 2 (R, two ranked copies): each copy sums its share of the numbers
# (rows whose position modulo max_rank is rank - 1) and writes part{rank}.csv.
# The get uses FaaSr 2.x's argument order and the put FaaSr 1.x's, both by name.
summarise <- function(folder, input, prefix) {
  faasr_get_file(local_file = input, remote_folder = folder, remote_file = input)
  values <- read.csv(input)$value
  r <- faasr_rank()
  mine <- values[(seq_along(values) - 1) %% r$max_rank == (r$rank - 1)]
  out <- paste0(prefix, r$rank, ".csv")
  write.csv(data.frame(rank = r$rank, count = length(mine), sum = sum(mine)), out, row.names = FALSE)
  faasr_put_file(server_name = "S3", local_folder = ".", local_file = out, remote_folder = folder, remote_file = out)
  cat("copy", r$rank, "of", r$max_rank, "summed", length(mine), "values\n")
  faasr_log(paste0("R copy ", r$rank, "/", r$max_rank, " of invocation ", faasr_invocation_id(), ": sum ", sum(mine)))
  TRUE
}
