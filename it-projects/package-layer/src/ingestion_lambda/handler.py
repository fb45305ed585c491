"""Ingests records; the database helpers come from the db_layer layer (/opt/python)."""
from db_helpers.connection import connect


def lambda_handler(event, context):
    with connect() as conn:
        return {"inserted": conn.insert(event.get("records", []))}
