"""A memory size with hundreds of digits is a malformed cell, not an infinite workload:
float() turns it into inf, which used to reach the answer as "memory_gb": null and a reason
that spoke of "inf GiB"."""

from __future__ import annotations

import pytest

from jupyter_dsws.instances.inventory import InvalidCsv, parse_inventory, parse_size_gb

HEADER = "User,Feature,Model,Memory,GPU usage\n"


def test_a_size_too_large_for_a_number_names_the_line_and_column() -> None:
    with pytest.raises(InvalidCsv) as info:
        parse_inventory(HEADER + "A,B,CNN,50 Mb,Yes\nA,B,CNN," + "9" * 400 + " MB,Yes\n")
    assert (info.value.line, info.value.column) == (3, "Memory")
    assert "not a size" in info.value.message


def test_large_but_real_sizes_still_read() -> None:
    assert parse_size_gb("2048 TB") == pytest.approx(2_048_000.0)
