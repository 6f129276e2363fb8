#!/usr/bin/env bash
# Everything the tests need on a fresh machine: .venv/ with the package and its test extras
# (made by casereview/bootstrap.py, as build.py makes it: a stock Debian or Ubuntu python3
# refuses system-wide installs), and the real clients the tests drive: Chromium (pages, with
# playwright-core and axe-core from npm), LibreOffice (opens the DOCX), poppler (reads the PDF).
# Then: .venv/bin/python -m pytest
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m casereview.bootstrap --extras test
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
/usr/bin/python3 -c "import uno" 2>/dev/null || missing+=(python3-uno)   # drives LibreOffice
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
(cd tests/browser && npm ci --no-audit --no-fund --silent)
