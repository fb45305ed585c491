import json

from report import tables


def handler(event, context):
    rows = tables.rows(event.get("count", 3))
    return {"statusCode": 200, "body": json.dumps(rows)}
