import pathlib

TEMPLATE = (pathlib.Path(__file__).parent / "templates" / "report.txt").read_text(encoding="utf-8")


def render(rows):
    return TEMPLATE.format(count=len(rows))
