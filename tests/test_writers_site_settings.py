"""mkdocs.yml is a file of the workspace: it may lay the site out, but not run code, read
files outside the workspace or reach another host while the site is built. check names each
setting refused at its line, so the build never hands such a file to mkdocs."""
from tests.conftest import messages

from casereview import pipeline
from casereview.diagnostics import CheckFailed

UNSAFE = """site_name: x
hooks:
  - hook.py
INHERIT: ../../base.yml
theme:
  name: material
  custom_dir: /etc
markdown_extensions:
  - toc
  - pymdownx.snippets:
      base_path: /
plugins:
  - search
  - material/social
"""


def test_settings_that_run_code_read_outside_or_fetch_are_refused_at_their_line(minimal):
    (minimal / "mkdocs.yml").write_text(UNSAFE, encoding="utf-8")
    assert [m for m in messages(minimal) if m.startswith("mkdocs.yml")] == [
        "mkdocs.yml:2:1: hooks: hooks run Python files at every build; remove `hooks:`; "
        "casereview builds the site itself",
        "mkdocs.yml:4:1: INHERIT: `../../base.yml` is outside the workspace; keep the file or "
        "folder inside the workspace and give its path from mkdocs.yml's folder",
        "mkdocs.yml:7:3: theme.custom_dir: `/etc` is outside the workspace; keep the file or "
        "folder inside the workspace and give its path from mkdocs.yml's folder",
        "mkdocs.yml:10:5: markdown_extensions[1]: the Markdown extension `pymdownx.snippets` is "
        "not allowed: it may read files, reach other hosts or run code; remove it; the allowed "
        "ones only change the layout (e.g. admonition, attr_list, toc)",
        "mkdocs.yml:14:5: plugins[1]: the plugin `material/social` is not allowed: it may read "
        "files, reach other hosts or run code while the site is built; remove it; allowed: "
        "material/offline, material/search, material/tags, offline, search, tags"]


def test_a_hook_is_never_run(minimal):
    (minimal / "hook.py").write_text("open('ran', 'w').write('yes')\n", encoding="utf-8")
    (minimal / "mkdocs.yml").write_text("site_name: x\nhooks:\n  - hook.py\n", encoding="utf-8")
    try:
        pipeline.build(minimal, formats=("html",))
    except CheckFailed as refused:
        assert [str(d) for d in refused.report.errors] == [
            "mkdocs.yml:2:1: hooks: hooks run Python files at every build; remove `hooks:`; "
            "casereview builds the site itself"]
    else:
        raise AssertionError("the build went ahead")
    assert not (minimal / "ran").exists() and not any(minimal.rglob("ran"))


def test_the_example_and_layout_settings_inside_the_workspace_pass(minimal):
    (minimal / "overrides").mkdir()
    (minimal / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n"
        "markdown_extensions:\n  - admonition\n  - markdown.extensions.toc:\n      permalink: false\n"
        "plugins:\n  search: {}\n", encoding="utf-8")
    assert [m for m in messages(minimal) if m.startswith("mkdocs.yml")] == []
