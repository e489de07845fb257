"""``dsws inventory recommend`` on input the request model refuses: one line, exit 2."""

from __future__ import annotations

from pathlib import Path

from jupyter_dsws.cli import main
from jupyter_dsws.instances.models import InventoryRequest

SEED = Path(__file__).parents[2] / "jupyter_dsws" / "demo" / "data" / "inventory.csv"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["inventory", "recommend", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_over_the_size_limit_exits_2_with_one_line_naming_the_file(capsys, tmp_path):
    limit = InventoryRequest.model_fields["csv"].metadata[0].max_length
    big = tmp_path / "big.csv"
    text = SEED.read_text()
    big.write_text(text + "#" * (limit + 1 - len(text)))
    code, out, err = run(capsys, str(big))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert str(big) in err and f"{limit}" in err and "Traceback" not in err


def test_a_region_longer_than_allowed_exits_2_naming_the_option(capsys):
    code, out, err = run(capsys, str(SEED), "--region", "x" * 41)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "--region" in err and "40 characters" in err
