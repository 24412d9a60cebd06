"""The parser is a library for anyone: it must never pull in Django."""

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).parents[1] / "fixtures" / "seeds" / "000_434456432017fdb1.txt"


def test_planparse_never_imports_django():
    code = (
        "import sys, planparse\n"
        f"planparse.parse({str(SEED)!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.') or m.startswith('tracker'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_module_in_planparse_mentions_django():
    root = Path(__file__).parents[2] / "planparse"
    offenders = [p.name for p in root.rglob("*.py") if "import django" in p.read_text() or "from django" in p.read_text()]
    assert offenders == []
