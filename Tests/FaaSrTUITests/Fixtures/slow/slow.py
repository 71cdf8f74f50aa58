"""A slow workflow for cancelling: snooze sleeps far longer than any test waits."""
import time


def prepare(folder):
    faasr_log("prepare ran")


def snooze(seconds):
    faasr_log(f"sleeping {seconds} s")
    time.sleep(seconds)
