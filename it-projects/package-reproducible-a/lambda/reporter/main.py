"""Builds a weekly report; used to prove zips are byte-identical across machines."""
from reporter.render import render


def handler(event, context):
    return {"report": render(event.get("rows", []))}
