"""``dsws inventory recommend``: table, JSON and CSV, offline, exit 2 on a malformed file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from jupyter_dsws.cli import main

SEED = Path(__file__).parents[2] / "jupyter_dsws" / "demo" / "data" / "inventory.csv"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["inventory", "recommend", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_has_a_row_per_workload_and_the_team_total(capsys):
    code, out, _ = run(capsys, str(SEED))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["Line", "User", "Feature", "Model", "Instance"]
    rows = [line for line in lines if line[:1].isdigit()]
    assert [r.split()[-4] for r in rows] == ["ml.t3.medium", "ml.g4dn.xlarge", "ml.t3.medium",
                                             "ml.g4dn.xlarge"]
    total = next(line for line in lines if "Team total" in line)
    assert total.split()[-2:] == ["1148.14", "297.26"]
    assert "Region us-east-1" in out and "bundled" in out


def test_json_is_the_rest_answer(capsys):
    code, out, _ = run(capsys, str(SEED), "--format", "json", "--region", "eu-west-1")
    data = json.loads(out)
    assert code == 0 and data["region"] == "eu-west-1" and len(data["rows"]) == 4
    assert data["rows"][3]["recommendation"]["type"] == "ml.g4dn.xlarge"


def test_csv_has_the_rows_and_a_total_row(capsys):
    code, out, _ = run(capsys, str(SEED), "--format", "csv", "--preference", "cheapest")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0][4] == "Instance" and len(rows) == 6
    assert rows[-1][1] == "TOTAL"
    assert float(rows[-1][6]) == sum(float(r[6]) for r in rows[1:-1])


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text(capsys, tmp_path):
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(
        "User,Feature,Model,Memory,GPU usage\n"
        "=cmd|' /C calc'!A0,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\",XGBoost,"
        "15 Mb,No\n"
        "+1+cmd|x,-2+3,@SUM(A1),2 Mb,No\n"
        "\"\tTabbed\",\"\rReturned\",ARIMA,2 Mb,No\n", encoding="utf-8")

    code, out, _ = run(capsys, str(hostile), "--format", "csv")

    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")
                or (c[:1] == "-" and not c.lstrip("-").replace(".", "").isdigit())]
    users = [row[1] for row in rows[1:-1]]
    assert users[0] == "'=cmd|' /C calc'!A0"  # shown as the text it was, not run
    assert rows[1][2] == "'=HYPERLINK(\"http://evil.example\",\"Open\")"


def test_a_malformed_file_exits_2_naming_line_and_column(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(SEED.read_text().replace("2 Mb", "two"))
    code, out, err = run(capsys, str(bad))
    assert code == 2 and out == ""
    assert "line 4, column Memory" in err


def test_a_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, str(tmp_path / "nope.csv"))
    assert code == 2 and "cannot read" in err


def test_the_installed_command_runs_offline(tmp_path):
    # A subprocess with no AWS settings at all: only the bundled catalog is used.
    result = subprocess.run(
        [sys.executable, "-m", "jupyter_dsws.cli", "inventory", "recommend", str(SEED),
         "--format", "json"], capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "AWS_EC2_METADATA_DISABLED": "true"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_monthly_cost"] == 1148.14
