"""Normalizes parsed rows before loading them into the warehouse."""
from csvkit_lite.parse import parse_rows


def handler(event, context):
    rows = parse_rows(event.get("body", ""))
    return {"rows": [[cell.strip().lower() for cell in row] for row in rows]}
