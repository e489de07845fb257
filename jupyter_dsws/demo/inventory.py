"""The team's model inventory: who owns which feature, with which model, on what hardware.

The CSV format (``User,Feature,Model,Memory,GPU usage``, memory like ``15 Mb``, GPU
``Yes``/``No``) is the one teams keep in a spreadsheet; the demo seeds from it and the
instance picker reads the same format.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources

COLUMNS = ("User", "Feature", "Model", "Memory", "GPU usage")

_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*mb\s*$", re.IGNORECASE)
_YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class InventoryRow:
    user: str
    feature: str
    model: str
    memory_mb: float
    gpu: bool


def parse_inventory(text: str) -> list[InventoryRow]:
    """Rows of an inventory CSV; ``ValueError`` naming the line for anything malformed."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"An inventory has the columns {','.join(COLUMNS)}; "
                         f"this one has {','.join(reader.fieldnames or ())}.")
    rows = []
    for line, record in enumerate(reader, start=2):
        memory = _MEMORY.match(record["Memory"] or "")
        gpu = _YES_NO.get((record["GPU usage"] or "").strip().lower())
        if not memory or gpu is None or not record["Feature"].strip():
            raise ValueError(f"Inventory line {line}: expected a feature, memory like "
                             f"'15 Mb' and GPU usage Yes or No, got {dict(record)}.")
        rows.append(InventoryRow(user=record["User"].strip(), feature=record["Feature"].strip(),
                                 model=record["Model"].strip(),
                                 memory_mb=float(memory.group(1)), gpu=gpu))
    return rows


def demo_inventory() -> list[InventoryRow]:
    """The inventory the demo tells its story from (shipped as ``data/inventory.csv``)."""
    text = (resources.files(__package__) / "data" / "inventory.csv").read_text("utf-8")
    return parse_inventory(text)
