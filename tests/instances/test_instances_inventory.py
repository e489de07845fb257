"""Reading the team inventory CSV: the seed's columns and units; errors name line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyter_dsws.instances.inventory import InvalidCsv, parse_inventory, parse_size_gb

SEED = (Path(__file__).parents[2] / "jupyter_dsws" / "demo" / "data" / "inventory.csv").read_text()
HEADER = "User,Feature,Model,Memory,GPU usage\n"


def test_the_seed_reads_as_four_workloads():
    rows = parse_inventory(SEED)
    assert [(r.line, r.model, r.memory_gb, r.gpu) for r in rows] == [
        (2, "XGBoost", pytest.approx(0.015), "no"), (3, "Seq2seq", pytest.approx(0.025), "yes"),
        (4, "ARIMA", pytest.approx(0.002), "no"), (5, "CNN", pytest.approx(0.05), "yes")]
    assert rows[0].user == "Harry Potter"


@pytest.mark.parametrize("text, gb", [
    ("15 Mb", 0.015), ("2 GB", 2.0), ("1,5 gb", 1.5), ("512 KB", 0.000512), ("1 TB", 1000.0),
    ("1 GiB", 1.073741824)])
def test_sizes_in_the_seeds_units(text, gb):
    assert parse_size_gb(text) == pytest.approx(gb)


def test_columns_in_another_order_and_case_and_quoted_commas_are_fine():
    rows = parse_inventory('gpu usage,model,MEMORY,feature,user\n'
                           '"",CNN,1 GB,"Owls, letters",Ron\n\n')
    assert (rows[0].model, rows[0].gpu, rows[0].feature, rows[0].user) == (
        "CNN", "auto", "Owls, letters", "Ron")


@pytest.mark.parametrize("text, line, column, words", [
    ("", 1, None, "empty"),
    ("User,Feature,Model,GPU usage\nA,B,CNN,Yes\n", 1, "Memory", "no column 'Memory'"),
    (HEADER, 1, None, "no rows"),
    (HEADER + "A,B,CNN,50 Mb,Yes\nA,B,CNN,lots,Yes\n", 3, "Memory", "'lots' is not a size"),
    (HEADER + "A,B,CNN,50,Yes\n", 2, "Memory", "no unit"),
    (HEADER + "A,B,CNN,50 Mb,perhaps\n", 2, "GPU usage", "'perhaps'"),
    (HEADER + "A,B,,50 Mb,No\n", 2, "Model", "model is empty"),
    (HEADER + "A,B,CNN,50 Mb,No,extra\n", 2, None, "6 fields"),
])
def test_a_malformed_file_names_the_line_and_column(text, line, column, words):
    with pytest.raises(InvalidCsv) as info:
        parse_inventory(text)
    error = info.value
    assert (error.line, error.column) == (line, column)
    assert words in error.message
    assert error.to_json()["error"] == "invalid_csv"
