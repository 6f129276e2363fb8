#!/usr/bin/env bash
# Everything the tests need on a fresh machine: the package with its test extras, and the
# real clients the tests drive (Chromium for pages, LibreOffice for DOCX, poppler for PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
