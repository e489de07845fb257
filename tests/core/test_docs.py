"""The README's configuration reference lists every setting the server has, and only those."""

from __future__ import annotations

import re
from pathlib import Path

from jupyter_dsws.app import DSWSExtension

README = Path(__file__).parents[2] / "README.md"


def test_every_setting_is_in_the_readme_reference():
    ours = {name for name, trait in DSWSExtension.class_traits(config=True).items()
            if trait.this_class is DSWSExtension}
    documented = set(re.findall(r"^\| `DSWSExtension\.(\w+)`", README.read_text(), re.M))
    assert documented == ours


def test_every_setting_says_its_default():
    for name, trait in DSWSExtension.class_traits(config=True).items():
        if trait.this_class is DSWSExtension:
            assert "Default" in trait.help, f"{name}'s help does not give its default"
