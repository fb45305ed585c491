"""Feature-flag service: list_flags."""
import json
import os

TABLE = os.environ.get("FLAGS_TABLE", "flags")


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"operation": "list_flags", "table": TABLE})}
