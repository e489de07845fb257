"""``dsws`` answers ``--help`` without loading what only running a subcommand needs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from jupyter_dsws.cli import SUBCOMMANDS

# Imports that take seconds (jupyter_server and the slices behind it, the CDK): a person
# asking for help must not wait for them.
HEAVY = ("jupyter_server", "aws_cdk", "jupyter_dsws.app")

PROBE = """
import json, sys
from jupyter_dsws.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps([m for m in {heavy!r} if m in sys.modules]))
"""


def loaded_by(*argv: str) -> tuple[list[str], str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
                          capture_output=True, text=True, timeout=60, check=True)
    *help_lines, last = done.stdout.strip().splitlines()
    return json.loads(last), "\n".join(help_lines)


def test_dsws_help_lists_every_subcommand_without_importing_any() -> None:
    loaded, text = loaded_by("--help")
    assert loaded == []
    for name, sub in SUBCOMMANDS.items():
        assert name in text
        assert sub.help.split()[0] in text


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_a_subcommands_help_loads_neither_the_server_nor_the_cdk(name: str) -> None:
    loaded, text = loaded_by(name, "--help")
    assert loaded == []
    assert f"dsws {name}" in text


def test_an_unknown_subcommand_is_refused_with_the_choices() -> None:
    done = subprocess.run([sys.executable, "-m", "jupyter_dsws.cli", "nope"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "choose from 'demo', 'infra', 'inventory', 'lifecycle'" in done.stderr
