"""The REST contract is written once: docs/openapi.yaml comes from the handlers, their pydantic
models and docs/openapi.prose.yaml; the TypeScript types come from docs/openapi.yaml. These
tests keep the generated files current and the few rules the spec states beside the code
equal to the code."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jupyter_dsws.codecommit.models import BRANCH_PATTERN, REPOSITORY_NAME_PATTERN
from jupyter_dsws.codecommit.validate import check_branch, check_repository_name
from jupyter_dsws.errors import InvalidInput

ROOT = Path(__file__).parents[2]


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_openapi", ROOT / "scripts" /
                                                  "gen_openapi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_openapi_yaml_is_what_the_code_says():
    generated = load_generator().render()
    assert generated == (ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8"), (
        "docs/openapi.yaml is not current: run `make contract`")


def test_the_typescript_types_are_what_the_spec_says():
    node = shutil.which("node")
    assert node, "node is needed to check labextension/src/generated/api-types.ts"
    result = subprocess.run([node, str(ROOT / "scripts" / "gen_api_types.mjs"), "--check"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def accepts(check, value: str) -> bool:
    try:
        check(value)
    except InvalidInput:
        return False
    return True


@pytest.mark.parametrize("name", [
    "team", "a", "A.b_c-d", "x" * 100, "x" * 101, "", "-u", "--upload-pack=x", "a/b", "repo.git",
    "repo.GIT", "repo.gitx", ".git", "..", ".", "...a", "name with space", "naïve", "repo\n",
    "a-", "a.", "_",
])
def test_the_spec_pattern_of_a_repository_name_is_validates_rule(name):
    assert bool(re.fullmatch(REPOSITORY_NAME_PATTERN, name)) == accepts(
        check_repository_name, name)


@pytest.mark.parametrize("branch", [
    "main", "feature/x", "release-1.2", "a..b", "a//b", "a/.b", "-x", "/x", "x/", "x.",
    "x.lock", "x.lockx", "a b", "ü", "x" * 200, "x" * 201, ".hidden", "a/b/c", "a_b", "x\n",
])
def test_the_spec_pattern_of_a_branch_is_validates_rule(branch):
    assert bool(re.fullmatch(BRANCH_PATTERN, branch)) == accepts(check_branch, branch)
