"""Feature-flag service: get_flag."""
import json
import os

TABLE = os.environ.get("FLAGS_TABLE", "flags")


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"operation": "get_flag", "table": TABLE})}
