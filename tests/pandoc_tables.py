"""The tables of a Markdown rendering as pandoc reads them: by id, each cell's text."""
import json
import subprocess

from casereview.writers import pandoc


def tables(markdown: str) -> dict[str, dict]:
    """id -> {"caption": text, "header": [cell text], "rows": [[cell text]], "blocks":
    [[[block types]]]} for every table pandoc reads in the Markdown."""
    doc = json.loads(subprocess.run([pandoc.path(), "-f", "markdown", "-t", "json"],
                                    input=markdown, capture_output=True, text=True,
                                    check=True).stdout)
    out = {}
    for block in doc["blocks"]:
        if block["t"] != "Table":
            continue
        attr, caption, _, head, bodies, _ = block["c"]
        rows = [row for body in bodies for row in body[3]]
        out[attr[0]] = {
            "caption": _text(caption[1]),
            "header": [_text(cell[4]) for cell in head[1][0][1]],
            "rows": [[_text(cell[4]) for cell in row[1]] for row in rows],
            "blocks": [[[b["t"] for b in cell[4]] for cell in row[1]] for row in rows]}
    return out


def _text(node) -> str:
    """The words of a pandoc JSON node, one space between them."""
    words: list[str] = []

    def walk(n):
        if isinstance(n, dict):
            if n.get("t") == "Str":
                words.append(n["c"])
            elif n.get("t") in ("Space", "SoftBreak", "LineBreak"):
                words.append(" ")
            else:
                walk(n.get("c"))
        elif isinstance(n, list):
            for x in n:
                walk(x)
                words.append(" ")           # between blocks, list items and cells
    walk(node)
    return " ".join("".join(words).split())
