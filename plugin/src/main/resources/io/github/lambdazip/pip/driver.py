"""Runs pip for lambda-zip-maven-plugin inside the build container.

Usage: python3 driver.py --python 3.12 --machine x86_64 --policy DIR --target DIR -- PIP_ARGS...

First it checks that this interpreter is the one the Lambda runtime has (Python version and CPU), then runs
pip with the manylinux policy folder on sys.path (for pip only, never in the package), then removes what must
not reach a reproducible zip: byte code, console scripts (their first line names this image's interpreter) and
direct_url.json (it names the build folder), with their RECORD lines.
"""
import csv
import io
import os
import platform
import shutil
import subprocess
import sys

MISMATCH_EXIT = 86  # DriverProtocol.MISMATCH_EXIT
MISMATCH_MARKER = "LAMBDAZIP-PROBE-MISMATCH"  # DriverProtocol.MISMATCH_MARKER
INFO_PREFIX = "lambda-zip:"  # DriverProtocol.INFO_PREFIX


def parse(argv):
    split = argv.index("--")
    options = dict(zip(argv[0:split:2], argv[1:split:2]))
    return options, argv[split + 1:]


def probe(options):
    python = "%d.%d" % sys.version_info[:2]
    machine = platform.machine()
    libc, libc_version = platform.libc_ver()
    print("%s build image has Python %s on %s (%s %s)" % (INFO_PREFIX, python, machine, libc or "libc", libc_version),
          flush=True)
    if python != options["--python"] or machine != options["--machine"]:
        print("%s python=%s machine=%s" % (MISMATCH_MARKER, python, machine), flush=True)
        return False
    return True


def clean(target):
    for root, dirs, files in os.walk(target, topdown=True):
        for name in list(dirs):
            if name == "__pycache__":
                shutil.rmtree(os.path.join(root, name))
                dirs.remove(name)
        for name in files:
            if name.endswith((".pyc", ".pyo")):
                os.remove(os.path.join(root, name))
    shutil.rmtree(os.path.join(target, "bin"), ignore_errors=True)
    for entry in sorted(os.listdir(target)):
        info = os.path.join(target, entry)
        if not (entry.endswith(".dist-info") and os.path.isdir(info)):
            continue
        direct_url = os.path.join(info, "direct_url.json")
        if os.path.exists(direct_url):
            os.remove(direct_url)
        record = os.path.join(info, "RECORD")
        if os.path.exists(record):
            prune_record(target, record)


def prune_record(target, record):
    with open(record, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    kept = [row for row in rows if row and os.path.lexists(os.path.normpath(os.path.join(target, row[0])))]
    if len(kept) != len(rows):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(kept)
        with open(record, "w", newline="", encoding="utf-8") as f:
            f.write(out.getvalue())


def main():
    options, pip_args = parse(sys.argv[1:])
    if not probe(options):
        return MISMATCH_EXIT
    env = dict(os.environ)
    env["PYTHONPATH"] = options["--policy"] + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    os.makedirs(env.get("TMPDIR", "/tmp"), exist_ok=True)
    code = subprocess.call([sys.executable, "-m", "pip"] + pip_args, env=env)
    if code != 0:
        return code
    target = options["--target"]
    os.makedirs(target, exist_ok=True)
    clean(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
