"""Scores instance health from CloudWatch metrics."""


def failure_probability(metrics):
    cpu = metrics.get("cpu", 0)
    status_checks = metrics.get("status_check_failed", 0)
    return min(1.0, cpu / 100 * 0.5 + status_checks * 0.5)


def lambda_handler(event, context):
    return {"probability": failure_probability(event.get("metrics", {}))}
