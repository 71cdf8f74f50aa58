"""A diamond: split -> (square, square) -> combine. The join runs exactly once."""


def split(folder):
    with open("numbers.txt", "w") as f:
        f.write("\n".join(str(i) for i in range(1, 11)) + "\n")
    faasr_put_file(local_file="numbers.txt", remote_folder=folder, remote_file="numbers.txt")
    faasr_log("split wrote 10 numbers")


def square(folder, input, output):
    faasr_get_file(local_file=input, remote_folder=folder, remote_file=input)
    with open(input) as f:
        total = sum(int(line) ** 2 for line in f if line.strip())
    with open(output, "w") as f:
        f.write(f"{total}\n")
    faasr_put_file(local_file=output, remote_folder=folder, remote_file=output)
    faasr_log(f"square: sum of squares = {total}")


def combine(folder, inputs, output):
    total = 0
    for name in inputs:
        faasr_get_file(local_file=name, remote_folder=folder, remote_file=name)
        with open(name) as f:
            total += int(f.read().strip())
    with open(output, "w") as f:
        f.write(f"{total}\n")
    faasr_put_file(local_file=output, remote_folder=folder, remote_file=output)
    faasr_log(f"combine: total = {total}")
