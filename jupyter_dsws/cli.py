"""``dsws``: the command line of the data science workspace.

This module only dispatches, and imports nothing heavy: ``dsws --help`` lists the
subcommands from the table below, and only the subcommand that runs is imported (so
``dsws infra --help`` never loads jupyter_server, and ``dsws lifecycle …`` never loads
the CDK). Each subcommand's module provides ``TAKES_EXTRA_ARGS``,
``add_arguments(parser)`` and ``run(args, extra) -> int``; ``extra`` holds the arguments
after ``--``, for subcommands that hand them to another program.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NamedTuple


class Subcommand(NamedTuple):
    module: str
    help: str


SUBCOMMANDS = {
    "demo": Subcommand(
        "jupyter_dsws.demo.runner",
        "Run JupyterLab with jupyter_dsws against a local, seeded AWS emulator."),
    "infra": Subcommand(
        "jupyter_dsws.infra.cli",
        "Stand up the VPC-only SSO Studio domain (AWS CDK) and audit a live account."),
    "inventory": Subcommand(
        "jupyter_dsws.instances.cli",
        "Recommend an instance type per row of a team inventory CSV, with monthly costs."),
    "lifecycle": Subcommand(
        "jupyter_dsws.lifecycle.cli",
        "Build, publish and attach the Studio lifecycle configuration that installs "
        "jupyter_dsws."),
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if "--" in arguments:
        split = arguments.index("--")
        arguments, extra = arguments[:split], arguments[split + 1:]
    else:
        extra = []
    # Only the subcommand named by the first word is imported.
    first = next((a for a in arguments if not a.startswith("-")), None)
    parser = argparse.ArgumentParser(
        prog="dsws", description="The data science workspace for SageMaker Studio.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    module = None
    for name, sub in SUBCOMMANDS.items():
        subparser = commands.add_parser(name, help=sub.help, description=sub.help)
        if name == first:
            module = importlib.import_module(sub.module)
            module.add_arguments(subparser)
    args = parser.parse_args(arguments)
    assert module is not None  # argparse has refused anything but a subcommand
    if extra and not module.TAKES_EXTRA_ARGS:
        parser.error(f"dsws {args.command} takes no arguments after --")
    return int(module.run(args, extra))


if __name__ == "__main__":
    sys.exit(main())
