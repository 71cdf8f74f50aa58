import csv


def _read(name):
    with open(name, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [[float(x) for x in r] for r in rows[1:]]


def compute_sum(folder, input1, input2, output):
    """FaaSr tutorial, step 2: element-wise sum of the two CSV files."""
    faasr_get_file(remote_folder=folder, remote_file=input1, local_file="input1.csv")
    faasr_get_file(remote_folder=folder, remote_file=input2, local_file="input2.csv")
    header, a = _read("input1.csv")
    _, b = _read("input2.csv")
    with open(output, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for ra, rb in zip(a, b):
            w.writerow([round(x + y, 3) for x, y in zip(ra, rb)])
    faasr_put_file(local_file=output, remote_folder=folder, remote_file=output)
    faasr_log(f"Function compute_sum finished; output written to {folder}/{output}")
