"""``dsws inventory recommend FILE``: a recommendation per inventory row and the team's total.

Offline: it uses the catalog shipped in the package, never the network.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from ..csv_safe import SafeWriter
from ..errors import InvalidInput
from ..idle.config import IdleShutdown
from .catalog import load_bundled
from .config import InstancePicker
from .models import Inventory, InventoryRequest
from .service import DEFAULT_REGION, InstancesService

HELP = "Recommend an instance type per row of a team inventory CSV, with monthly costs."
TAKES_EXTRA_ARGS = False

COLUMNS = ("Line", "User", "Feature", "Model", "Instance", "USD/h", "USD/month",
           "USD/month with idle shutdown")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    recommend = actions.add_parser(
        "recommend", help=HELP,
        description=HELP + " Columns: User, Feature, Model, Memory (e.g. \"15 Mb\"), GPU usage.")
    recommend.add_argument("file", type=Path, help="the inventory CSV")
    recommend.add_argument("--format", choices=("table", "json", "csv"), default="table",
                           help="output format (default: table)")
    recommend.add_argument("--region", default=None,
                           help=f"AWS region for the prices (default: {DEFAULT_REGION})")
    recommend.add_argument("--preference", choices=("cheapest", "balanced", "fastest"),
                           default="balanced", help="what to favour (default: balanced)")
    recommend.add_argument("--idle-timeout-minutes", type=float,
                           default=IdleShutdown.timeout_minutes.default_value,
                           help="idle shutdown timeout for the with-idle costs "
                                "(default: %(default)g)")
    recommend.add_argument("--working-days", type=float,
                           default=InstancePicker.working_days_per_month.default_value,
                           help="working days a month (default: %(default)g)")


def run(args: argparse.Namespace, extra: list[str], out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"dsws inventory: cannot read {args.file}: {exc}", file=err)
        return 2
    service = InstancesService(load_bundled(), region=DEFAULT_REGION, allowed=[],
                               idle_timeout_minutes=lambda: args.idle_timeout_minutes,
                               working_days_per_month=args.working_days)
    try:
        request = InventoryRequest(csv=text, region=args.region, preference=args.preference)
    except ValidationError as exc:
        print(f"dsws inventory: {describe(exc, args.file)}", file=err)
        return 2
    try:
        inventory = service.inventory(request)
    except InvalidInput as exc:
        print(f"dsws inventory: {args.file}: {exc.message}", file=err)
        return 2
    if args.format == "json":
        out.write(inventory.model_dump_json(indent=2) + "\n")
    elif args.format == "csv":
        out.write(to_csv(inventory))
    else:
        out.write(to_table(inventory, service.catalog.source, service.catalog.as_of,
                           args.idle_timeout_minutes))
    return 0


def describe(exc: ValidationError, file: Path) -> str:
    """The request model's complaints in the command's own terms: the file, or the option."""
    parts = []
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error.get("loc") else ""
        where = str(file) if field == "csv" else f"--{field.replace('_', '-')}"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def _cells(inventory: Inventory) -> list[list[str]]:
    rows = []
    for row in inventory.rows:
        best = row.recommendation
        if best is None:
            kind = row.alternative.kind if row.alternative else "none"
            rows.append([str(row.line), row.user, row.feature, row.model, f"({kind})", "", "", ""])
        else:
            rows.append([str(row.line), row.user, row.feature, row.model, best.type,
                         f"{best.price_per_hour:g}", f"{best.monthly_cost:.2f}",
                         f"{best.monthly_cost_with_idle_shutdown:.2f}"])
    return rows


def to_csv(inventory: Inventory) -> str:
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_cells(inventory))
    writer.writerow(["", "TOTAL", "", "", "", "", f"{inventory.total_monthly_cost:.2f}",
                     f"{inventory.total_monthly_cost_with_idle_shutdown:.2f}"])
    return buffer.getvalue()


def to_table(inventory: Inventory, source: str, as_of: str, idle_minutes: float) -> str:
    rows = [list(COLUMNS), *_cells(inventory)]
    total = ["", "Team total", "", "", "", "", f"{inventory.total_monthly_cost:.2f}",
             f"{inventory.total_monthly_cost_with_idle_shutdown:.2f}"]
    rows.append(total)
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(COLUMNS))]
    numeric = {5, 6, 7}

    def line(cells: list[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            cell = cell if len(cell) <= widths[i] else cell[:widths[i] - 1] + "…"
            parts.append(cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(rows[0]), rule, *(line(r) for r in rows[1:-1]), rule, line(total)]
    notes = [f"Region {inventory.region}; prices: {source} catalog of {as_of}, on-demand USD.",
             f"USD/month: left running (730 h). With idle shutdown: hours_per_day (8) plus the "
             f"idle timeout ({idle_minutes:g} min) each working day."]
    for row in inventory.rows:
        if row.alternative is not None:
            notes.append(f"Line {row.line}: {row.alternative.kind}: {row.alternative.reason}")
    return "\n".join([*body, "", *notes]) + "\n"
