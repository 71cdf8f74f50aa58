"""A conditional branch: is_big returns True or False and only that branch runs."""


def is_big(value, threshold):
    big = value > threshold
    faasr_log(f"{value} > {threshold}: {big}")
    return big


def report(folder, label):
    with open("branch.txt", "w") as f:
        f.write(label + "\n")
    faasr_put_file(local_file="branch.txt", remote_folder=folder, remote_file="branch.txt")
