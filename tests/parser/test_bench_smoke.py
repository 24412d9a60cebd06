"""bench/parse.py is a script, not a timed test; this runs it in its quick form so it cannot rot."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parents[2] / "bench" / "parse.py"


def test_benchmark_quick_run_prints_a_row_for_every_format():
    out = subprocess.run([sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = [line for line in out.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| Format | Documents | Median ms/doc")
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]] == [
        "txt", "docx", "pdf", "html", "xlsx", "csv", "pdf, 10 pages"]
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert float(cells[2]) > 0 and float(cells[3]) > 0 and float(cells[6]) > 0  # times and a peak memory
