import csv
import io


def parse_rows(text):
    return list(csv.reader(io.StringIO(text)))
