"""The team inventory CSV (the seed's columns), read into workloads; errors name line and column."""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass

from ..errors import InvalidInput, echo
from .models import InvalidCsvBody

COLUMNS = ("User", "Feature", "Model", "Memory", "GPU usage")
MAX_ROWS = 10_000

_UNITS_GB = {"b": 1e-9, "kb": 1e-6, "k": 1e-6, "mb": 1e-3, "m": 1e-3, "gb": 1.0, "g": 1.0,
             "tb": 1e3, "t": 1e3, "kib": 1024 / 1e9, "mib": 1024**2 / 1e9, "gib": 1024**3 / 1e9,
             "tib": 1024**4 / 1e9}
_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]*)\s*$")
_GPU = {"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "no": "no", "n": "no",
        "false": "no", "0": "no", "": "auto", "auto": "auto", "maybe": "auto", "?": "auto"}


class InvalidCsv(InvalidInput):
    """A malformed inventory file: the line (1 = the header) and the column's name."""

    code = "invalid_csv"

    def __init__(self, message: str, *, line: int, column: str | None) -> None:
        where = f"line {line}" + (f", column {column}" if column else "")
        super().__init__(f"Inventory {where}: {message}")
        self.line = line
        self.column = column

    def to_json(self) -> dict[str, object]:
        return InvalidCsvBody(message=self.message, line=self.line,
                              column=self.column).model_dump()


@dataclass(frozen=True)
class InventoryRow:
    line: int
    user: str
    feature: str
    model: str
    memory_gb: float
    gpu: str  # yes | no | auto


def parse_size_gb(text: str) -> float:
    """"15 Mb" -> 0.015. Mb/MB both mean megabytes (the seed writes "Mb" for them)."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"'{echo(text.strip())}' is not a size; write a number and a unit, "
                         "e.g. \"15 MB\" or \"2 GB\"")
    unit = match.group(2).lower()
    if not unit:
        raise ValueError(f"'{echo(text.strip())}' has no unit; write e.g. "
                         f"\"{echo(text.strip())} MB\"")
    if unit not in _UNITS_GB:
        raise ValueError(f"'{echo(match.group(2))}' is not a unit; use KB, MB, GB or TB")
    size = float(match.group(1).replace(",", ".")) * _UNITS_GB[unit]
    if not math.isfinite(size):  # hundreds of digits: float() gives inf, not an error
        raise ValueError(f"'{echo(text.strip(), 40)}' is not a size any machine has")
    return size


def parse_inventory(text: str) -> list[InventoryRow]:
    """The rows of the file; ``InvalidCsv`` naming the first problem's line and column."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidCsv(f"the file is empty; it needs a header: {', '.join(COLUMNS)}.",
                         line=1, column=None) from None
    except csv.Error as exc:
        raise InvalidCsv(str(exc), line=1, column=None) from None
    names = [h.strip() for h in header]
    index = {}
    for column in COLUMNS:
        found = [i for i, n in enumerate(names) if n.lower() == column.lower()]
        if not found:
            raise InvalidCsv(f"the header has no column {column!r}; it needs "
                             f"{', '.join(COLUMNS)} (found {echo(', '.join(names)) or 'nothing'}).",
                             line=1, column=column)
        index[column] = found[0]
    rows: list[InventoryRow] = []
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InvalidCsv(str(exc), line=reader.line_num, column=None) from None
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise InvalidCsv(f"{len(record)} fields where the header has {len(header)}; quote "
                             "a value that contains a comma.", line=line, column=None)
        if len(rows) >= MAX_ROWS:
            raise InvalidCsv(f"more than {MAX_ROWS} rows.", line=line, column=None)
        rows.append(_row(record, index, line))
    if not rows:
        raise InvalidCsv("the file has a header but no rows.", line=1, column=None)
    return rows


def _row(record: list[str], index: dict[str, int], line: int) -> InventoryRow:
    def cell(column: str) -> str:
        return record[index[column]].strip()

    model = cell("Model")
    if not model:
        raise InvalidCsv("the model is empty; write its family, e.g. XGBoost, ARIMA, CNN.",
                         line=line, column="Model")
    try:
        memory = parse_size_gb(cell("Memory")) if cell("Memory") else 0.0
    except ValueError as exc:
        raise InvalidCsv(str(exc) + ".", line=line, column="Memory") from None
    gpu = _GPU.get(cell("GPU usage").lower())
    if gpu is None:
        raise InvalidCsv(f"'{echo(cell('GPU usage'))}' is not Yes, No or empty (let the tool "
                         "decide).",
                         line=line, column="GPU usage")
    return InventoryRow(line=line, user=cell("User"), feature=cell("Feature"), model=model,
                        memory_gb=memory, gpu=gpu)
