import fastmath
import purehelper


def handler(event, context):
    return {"sum": fastmath.add(2, 3), "greeting": purehelper.greet("lambda")}
