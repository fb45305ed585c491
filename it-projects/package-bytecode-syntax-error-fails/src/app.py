from orders import parse


def handler(event, context):
    return parse.parse(event["body"])
