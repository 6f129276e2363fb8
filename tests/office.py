"""LibreOffice driven through its Python bridge (Debian's python3-uno, under /usr/bin/python3:
the tests' own Python cannot import it): each DOCX opened, a command such as
.uno:AcceptAllTrackedChanges dispatched, and the document saved as text."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

PYTHON_UNO = "/usr/bin/python3"       # Debian's python3-uno drives LibreOffice


OFFICE_TEXT = r"""
import json, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

profile, pipe, jobs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
office = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless",
                           "--invisible", "--norestore", "--accept=pipe,name=%s;urp;" % pipe])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for attempt in range(600):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx)
    out = []
    for source, command, target in jobs:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                           (prop("Hidden", True),))
        if command:
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
        notes = doc.getFootnotes()
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,")))
        out.append({"changes": doc.getRedlines().createEnumeration().hasMoreElements(),
                    "notes": [notes.getByIndex(i).getString() for i in range(notes.getCount())]})
        doc.close(True)
    print(json.dumps(out))
finally:
    try:
        desktop.terminate()
    finally:
        office.wait(60)
"""


def office_texts(jobs: list[tuple[Path, str]], folder: Path) -> list[dict]:
    """Each DOCX opened in LibreOffice, the command (.uno:...) dispatched, and the document
    saved as text: its text, its footnotes, and whether tracked changes remain."""
    if not Path(PYTHON_UNO).exists():
        pytest.fail(f"LibreOffice's Python bridge is needed: {PYTHON_UNO} with python3-uno")
    targets = [folder / f"{n}.txt" for n in range(len(jobs))]
    spec = [[str(src), command, str(t)] for (src, command), t in zip(jobs, targets)]
    run = subprocess.run([PYTHON_UNO, "-c", OFFICE_TEXT, (folder / "profile").as_uri(),
                          f"casereview{id(folder)}", json.dumps(spec)],
                         capture_output=True, text=True, timeout=300, check=True)
    results = json.loads(run.stdout.strip().splitlines()[-1])
    for result, target in zip(results, targets):
        result["text"] = target.read_text(encoding="utf-8-sig")
    return results
