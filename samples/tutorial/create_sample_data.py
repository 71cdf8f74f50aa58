import csv
import random


def create_sample_data(folder, output1, output2):
    """FaaSr tutorial, step 1: write two CSV files of random numbers to the data store."""
    rows = 10
    for name in (output1, output2):
        with open(name, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["v1", "v2", "v3", "v4"])
            for _ in range(rows):
                w.writerow([round(random.uniform(0, 100), 3) for _ in range(4)])
        faasr_put_file(local_file=name, remote_folder=folder, remote_file=name)
    faasr_log(f"Function create_sample_data finished; output written to {folder}/{output1} and {folder}/{output2}")
    return True
