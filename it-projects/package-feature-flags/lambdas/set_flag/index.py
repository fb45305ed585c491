"""Feature-flag service: set_flag."""
import json
import os

TABLE = os.environ.get("FLAGS_TABLE", "flags")


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"operation": "set_flag", "table": TABLE})}
