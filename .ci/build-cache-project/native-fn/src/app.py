import fastmath


def handler(event, context):
    return {"sum": fastmath.add(2, 3)}
