"""Reads an uploaded CSV from S3 and stores its rows."""
from csvkit_lite.parse import parse_rows


def handler(event, context):
    body = event.get("body", "")
    return {"rows": len(parse_rows(body))}
