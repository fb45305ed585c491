import purehelper

from common import formatting


def handler(event, context):
    return formatting.shout(purehelper.greet(event.get("name", "lambda")))
