import importlib

import lzgreet
import lzwords


def handler(event, context):
    machine = None
    for name in ("lzx86", "lzarm"):
        try:
            machine = importlib.import_module(name).MACHINE
        except ImportError:
            pass
    return {"greeting": lzgreet.greet("lambda"), "lzgreet": lzgreet.VERSION, "lzwords": lzwords.VERSION,
            "machine": machine}
