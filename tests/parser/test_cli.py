"""``python -m planparse``: JSON on stdout, warnings on stderr, one clear line and a non-zero exit on failure."""

import json
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "planparse", *args], capture_output=True, text=True, input=stdin)


def test_prints_the_plan_as_json():
    result = run(str(SEEDS / "000_434456432017fdb1.txt"))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["title"] == "LGA Corporate Peer Challenge Action Plan - 2022"
    assert len(data["recommendations"]) == 9
    assert data["source"]["format"] == "txt"
    assert result.stderr == ""


def test_warnings_go_to_stderr():
    result = run(str(SEEDS / "001_5a140e39b889afe5.txt"), "--warnings")
    assert result.returncode == 0
    json.loads(result.stdout)
    assert "warning: recommendation R5, action 2: target date 'October 202' could not be read" in result.stderr


def test_reads_stdin():
    result = run("-", stdin="No.\tRecommendation\tAction\tLead\n1\tDo it\tStep one\tCT\n")
    assert result.returncode == 0
    assert json.loads(result.stdout)["recommendations"][0]["actions"][0]["owners"] == ["CT"]


def test_a_missing_file_is_one_clear_line(tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such file" in lines[0]


def test_an_unreadable_file_is_one_clear_line(tmp_path):
    binary = tmp_path / "plan.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = run(str(binary))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
