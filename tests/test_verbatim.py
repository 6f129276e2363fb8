"""The example carries the reference review's facts, never its sentences."""
import subprocess
import sys

from conftest import ROOT

TOOL = ROOT.parent / "shared" / "tools" / "verbatim_check.py"


def test_no_run_of_12_words_shared_with_the_reference():
    assert TOOL.exists(), f"{TOOL} is needed: shared/ lies beside the repository"
    result = subprocess.run([sys.executable, str(TOOL), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
