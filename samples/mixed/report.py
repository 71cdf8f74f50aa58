import csv


def report(folder, prefix, parts, output):
    """Mixed sample, step 3 (Python join): add up the R copies' partial sums."""
    total, count = 0, 0
    for rank in range(1, int(parts) + 1):
        name = f"{prefix}{rank}.csv"
        faasr_get_file(local_file=name, remote_folder=folder, remote_file=name)
        with open(name, newline="") as f:
            row = next(csv.DictReader(f))
        total += float(row["sum"])
        count += int(row["count"])
    with open(output, "w") as f:
        f.write(f"{count} values, total {total:g}\n")
    faasr_put_file(local_file=output, remote_folder=folder, remote_file=output)
    faasr_log(f"report: {count} values, total {total:g}")
    return True
