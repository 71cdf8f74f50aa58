#!/usr/bin/env python3
"""FaaSr's start command (`cd /action; python3 faasr_entry.py`, as the GitHub Actions workflow
files FaaSr generates run it) handed over to the FaaSr for Swift runtime: `faasr entry`."""
import os
import sys

os.execv("/usr/local/bin/faasr", ["faasr", "entry"] + sys.argv[1:])
