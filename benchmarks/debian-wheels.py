"""Repacks Debian's pure-Python packages as wheels, for the cold-start benchmark.

Usage: python3 debian-wheels.py DEBS_DIR WHEELS_DIR

Each .deb's usr/lib/python3/dist-packages becomes one py3-none-any wheel named after its metadata (PKG-INFO or
METADATA). Compiled speedups (*.so, built against Debian's glibc, newer than Lambda's) are left out: markupsafe and
yaml fall back to their pure-Python code, which is what this benchmark measures anyway. The METADATA written carries
only the name and version, so pip installs exactly the listed set. Wheels are written byte-stable (sorted names, one
date), so the dependency cache serves repeated runs.
"""
import base64
import email.parser
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile

DATE = (1980, 1, 1, 0, 0, 0)


def metadata(dist_packages):
    for entry in sorted(os.listdir(dist_packages)):
        for name in ("PKG-INFO", "METADATA"):
            path = os.path.join(dist_packages, entry, name)
            if entry.endswith((".egg-info", ".dist-info")) and os.path.isfile(path):
                with open(path, encoding="utf-8") as f:
                    message = email.parser.Parser().parse(f, headersonly=True)
                return message["Name"], message["Version"]
    raise SystemExit("no metadata in " + dist_packages)


def files(dist_packages):
    for top in sorted(os.listdir(dist_packages)):
        if top.endswith((".egg-info", ".dist-info")):
            continue
        path = os.path.join(dist_packages, top)
        if os.path.isfile(path):
            yield top, path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".so", ".pyc")):
                    continue
                full = os.path.join(root, name)
                yield os.path.relpath(full, dist_packages).replace(os.sep, "/"), full


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d\n" % (name, digest, len(data))


def wheel(deb, out_dir):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        dist_packages = os.path.join(tmp, "usr/lib/python3/dist-packages")
        name, version = metadata(dist_packages)
        normalized = re.sub(r"[-_.]+", "_", name)
        info = "%s-%s.dist-info/" % (normalized, version)
        entries = [(arcname, open(path, "rb").read()) for arcname, path in files(dist_packages)]
        entries.append((info + "METADATA", ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)).encode()))
        entries.append((info + "WHEEL", b"Wheel-Version: 1.0\nGenerator: lambdazip-benchmark\nRoot-Is-Purelib: true\n"
                                        b"Tag: py3-none-any\n"))
        record = "".join(record_line(n, d) for n, d in entries) + info + "RECORD,,\n"
        entries.append((info + "RECORD", record.encode()))
        target = os.path.join(out_dir, "%s-%s-py3-none-any.whl" % (normalized, version))
        with zipfile.ZipFile(target + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
            for arcname, data in entries:
                item = zipfile.ZipInfo(arcname, DATE)
                item.external_attr = 0o644 << 16
                item.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(item, data)
        os.replace(target + ".tmp", target)
        print("%s==%s" % (name, version))


def main():
    debs, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for deb in sorted(os.listdir(debs)):
        if deb.endswith(".deb"):
            wheel(os.path.join(debs, deb), out_dir)


if __name__ == "__main__":
    main()
