def make_numbers(folder, output, count):
    """Mixed sample, step 1 (Python): write the numbers 1..count, one per line, with a header."""
    with open(output, "w") as f:
        f.write("value\n")
        for i in range(1, int(count) + 1):
            f.write(f"{i}\n")
    faasr_put_file(local_file=output, remote_folder=folder, remote_file=output)
    faasr_log(f"wrote {count} numbers to {folder}/{output}")
    return True
