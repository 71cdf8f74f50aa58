"""Rank fan-out: prepare -> work(4) -> gather. Each copy handles its own slice."""


def prepare(folder):
    with open("input.txt", "w") as f:
        f.write("\n".join(str(i) for i in range(1, 101)) + "\n")
    faasr_put_file(local_file="input.txt", remote_folder=folder, remote_file="input.txt")


def work_on_slice(folder):
    r = faasr_rank()
    rank, max_rank = int(r["rank"]), int(r["max_rank"])
    faasr_get_file(local_file="input.txt", remote_folder=folder, remote_file="input.txt")
    with open("input.txt") as f:
        numbers = [int(x) for x in f if x.strip()]
    part = sum(n for i, n in enumerate(numbers) if i % max_rank == rank - 1)
    name = f"part{rank}.txt"
    with open(name, "w") as f:
        f.write(f"{part}\n")
    faasr_put_file(local_file=name, remote_folder=folder, remote_file=name)
    faasr_log(f"rank {rank} of {max_rank}: partial sum {part}")


def gather(folder, output):
    keys = sorted(k for k in faasr_get_folder_list(prefix=f"{folder}/part"))
    total = 0
    for key in keys:
        name = key.rsplit("/", 1)[-1]
        faasr_get_file(local_file=name, remote_folder=folder, remote_file=name)
        with open(name) as f:
            total += int(f.read().strip())
    with open(output, "w") as f:
        f.write(f"{len(keys)} parts, total {total}\n")
    faasr_put_file(local_file=output, remote_folder=folder, remote_file=output)
    faasr_log(f"gather: {len(keys)} parts, total {total}")
