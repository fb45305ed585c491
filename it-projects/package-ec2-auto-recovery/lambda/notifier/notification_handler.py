"""Sends a notification when an instance is predicted to fail."""
import json

from prediction_engine.predictor import failure_probability


def lambda_handler(event, context):
    probability = failure_probability(event.get("metrics", {}))
    return {"statusCode": 200, "body": json.dumps({"notify": probability > 0.8})}
