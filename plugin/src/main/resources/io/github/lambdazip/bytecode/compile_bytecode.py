"""Compiles Python sources to bytecode for lambda-zip-maven-plugin inside the build container.

Usage: python3 compile_bytecode.py --python 3.11 --list FILE --src DIR --out DIR

Each line of the list is "<strict>\t<name>\t<path on Lambda>": the source DIR/<name> is compiled as the file Lambda
will load it from (its co_filename), and DIR_OUT/<name>c is written: a PEP 552 .pyc in unchecked-hash mode, so
Python trusts it without looking at the source's time, which a reproducible zip fixes to one date.

The bytes depend only on the source, its path on Lambda and the interpreter, never on what this process compiled or
imported before: marshal marks an object as shared (FLAG_REF) when its reference count is above one, and an
interned name's count depends on whatever else is alive in the process. Holding one more reference to every object
of the code tree while it is marshalled makes every count above one, so the marks follow the tree alone.

A SyntaxError in a strict source (the user's own code) is reported and the script exits with SYNTAX_EXIT after
compiling the rest; in any other source (installed packages often ship Python 2 test files) it is reported as
skipped, and the file keeps no .pyc.
"""
import importlib.util
import marshal
import os
import sys
import types

MISMATCH_EXIT = 86  # BytecodeProtocol.MISMATCH_EXIT
SYNTAX_EXIT = 87  # BytecodeProtocol.SYNTAX_EXIT
MISMATCH_MARKER = "LAMBDAZIP-PROBE-MISMATCH"  # BytecodeProtocol.MISMATCH_MARKER
SYNTAX_MARKER = "LAMBDAZIP-SYNTAX-ERROR"  # BytecodeProtocol.SYNTAX_MARKER
SKIPPED_MARKER = "LAMBDAZIP-SKIPPED"  # BytecodeProtocol.SKIPPED_MARKER
UNCHECKED_HASH = 0b01  # PEP 552: hash-based, source not checked

# the attributes that hold the objects marshal writes; the rest are computed on access
CODE_PARTS = ("co_code", "co_consts", "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_filename",
              "co_name", "co_qualname", "co_linetable", "co_exceptiontable")


def parse(argv):
    return dict(zip(argv[0::2], argv[1::2]))


def reachable(code):
    """Every object of the code tree, each once."""
    found = []
    seen = set()
    stack = [code]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        found.append(obj)
        if isinstance(obj, types.CodeType):
            stack.extend(getattr(obj, part) for part in CODE_PARTS if hasattr(obj, part))
        elif isinstance(obj, (tuple, frozenset)):
            stack.extend(obj)
    return found


def pyc(source, path):
    code = compile(source, path, "exec", dont_inherit=True, optimize=0)
    held = reachable(code)
    body = marshal.dumps(code)
    del held
    header = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH.to_bytes(4, "little") + importlib.util.source_hash(source)
    return header + body


def one_line(text):
    return " ".join(str(text).split())


def main():
    options = parse(sys.argv[1:])
    python = "%d.%d" % sys.version_info[:2]
    if python != options["--python"]:
        print("%s python=%s" % (MISMATCH_MARKER, python), flush=True)
        return MISMATCH_EXIT
    os.makedirs(options["--out"], exist_ok=True)
    with open(options["--list"], encoding="utf-8") as f:
        jobs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    failed = False
    for strict, name, path in jobs:
        with open(os.path.join(options["--src"], name), "rb") as f:
            source = f.read()
        try:
            data = pyc(source, path)
        except (SyntaxError, ValueError, RecursionError) as e:  # ValueError: null bytes; RecursionError: nesting
            line = getattr(e, "lineno", None) or 0
            message = one_line(getattr(e, "msg", None) or e)
            marker = SYNTAX_MARKER if strict == "1" else SKIPPED_MARKER
            print("%s\t%s\t%d\t%s" % (marker, name, line, message), flush=True)
            failed = failed or strict == "1"
            continue
        out = os.path.join(options["--out"], name + "c")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(data)
    return SYNTAX_EXIT if failed else 0


if __name__ == "__main__":
    sys.exit(main())
