"""``dsws``: the command line of the data science workspace.

This module only dispatches. Each subcommand lives in its own module, which provides
``HELP``, ``TAKES_EXTRA_ARGS``, ``add_arguments(parser)`` and ``run(args, extra) -> int``;
``extra`` holds the arguments after ``--``, for subcommands that hand them to another
program (``TAKES_EXTRA_ARGS = True``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

# Subcommand name -> the module that implements it.
SUBCOMMANDS = {
    "demo": "jupyter_dsws.demo.runner",
    "infra": "jupyter_dsws.infra.cli",
    "inventory": "jupyter_dsws.instances.cli",
    "lifecycle": "jupyter_dsws.lifecycle.cli",
}


def build_parser(modules: dict[str, ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dsws", description="The data science workspace for SageMaker Studio.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in modules.items():
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if "--" in arguments:
        split = arguments.index("--")
        arguments, extra = arguments[:split], arguments[split + 1:]
    else:
        extra = []
    modules = {name: importlib.import_module(path) for name, path in SUBCOMMANDS.items()}
    parser = build_parser(modules)
    args = parser.parse_args(arguments)
    if extra and not modules[args.command].TAKES_EXTRA_ARGS:
        parser.error(f"dsws {args.command} takes no arguments after --")
    return int(modules[args.command].run(args, extra))


if __name__ == "__main__":
    sys.exit(main())
