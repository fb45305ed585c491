"""Writes lock-wheelhouse/: tiny pure-Python wheels, several versions each, for the lock-file tests.

The lock files of the tests and of it-projects/package-lock-* record the sha256 of these files, so the bytes must
never change: entries are stored (no deflate, so no zlib version matters), sorted, dated 1980-01-01 with mode 0644.
Run it with any Python 3 (python3 make-lock-wheels.py); it rewrites the same bytes.

  lzgreet 1.0, 1.1   greet(name), built on lzwords (Requires-Dist: lzwords>=1.0)
  lzwords 1.0, 2.0   WORD
  lzx86 1.0          MACHINE = "x86_64", locked for x86_64 functions only
  lzarm 1.0          MACHINE = "aarch64", locked for arm64 functions only
"""
import base64
import hashlib
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "lock-wheelhouse")

PACKAGES = [
    ("lzgreet", "1.0", ["lzwords>=1.0"],
     'import lzwords\n\nVERSION = "1.0"\n\n\ndef greet(name):\n    return lzwords.WORD + ", " + name\n'),
    ("lzgreet", "1.1", ["lzwords>=1.0"],
     'import lzwords\n\nVERSION = "1.1"\n\n\ndef greet(name):\n    return lzwords.WORD + ", dear " + name\n'),
    ("lzwords", "1.0", [], 'VERSION = "1.0"\nWORD = "hello"\n'),
    ("lzwords", "2.0", [], 'VERSION = "2.0"\nWORD = "HELLO"\n'),
    ("lzx86", "1.0", [], 'VERSION = "1.0"\nMACHINE = "x86_64"\n'),
    ("lzarm", "1.0", [], 'VERSION = "1.0"\nMACHINE = "aarch64"\n'),
]


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def wheel(name, version, requires, module):
    dist_info = "%s-%s.dist-info" % (name, version)
    metadata = "Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: lambda-zip lock test package\n" % (name, version)
    metadata += "".join("Requires-Dist: %s\n" % r for r in requires)
    files = {
        name + ".py": module,
        dist_info + "/METADATA": metadata,
        dist_info + "/WHEEL": "Wheel-Version: 1.0\nGenerator: lambdazip-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files = {k: v.encode("utf-8") for k, v in files.items()}
    record = "".join("%s,%s,%d\n" % (k, record_hash(v), len(v)) for k, v in sorted(files.items()))
    files[dist_info + "/RECORD"] = (record + dist_info + "/RECORD,,\n").encode("utf-8")
    path = os.path.join(OUT, "%s-%s-py3-none-any.whl" % (name, version))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for entry in sorted(files):
            info = zipfile.ZipInfo(entry, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            z.writestr(info, files[entry])
    return path


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for package in PACKAGES:
        path = wheel(*package)
        with open(path, "rb") as f:
            print(hashlib.sha256(f.read()).hexdigest(), os.path.basename(path))
