import contextlib


class _Connection:
    def insert(self, records):
        return len(records)


@contextlib.contextmanager
def connect():
    yield _Connection()
