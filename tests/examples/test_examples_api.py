"""The getting-started page's copy: an example notebook into the workspace, never over a
file, never outside root_dir, opening on the configured kernel."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest
from helpers import body, error_of

from jupyter_dsws.examples.catalog import EXAMPLES

XGBOOST = "sorting_hat_xgboost.ipynb"


async def copy(jp_fetch: Callable[..., Any], **payload: Any) -> dict:
    response = await jp_fetch("dsws", "examples", "copy", method="POST",
                              body=json.dumps(payload))
    assert response.code == 201
    return body(response)


async def refused(jp_fetch: Callable[..., Any], **payload: Any) -> tuple[int, dict]:
    return await error_of(jp_fetch("dsws", "examples", "copy", method="POST",
                                   body=json.dumps(payload)))


async def test_the_list_names_one_example_per_model_of_the_inventory(jp_fetch):
    answer = body(await jp_fetch("dsws", "examples"))
    assert [e["model"] for e in answer["examples"]] == ["XGBoost", "ARIMA", "CNN", "Seq2seq"]
    assert [e["name"] for e in answer["examples"]] == [e.name for e in EXAMPLES]
    assert [e["gpu"] for e in answer["examples"]] == [False, False, True, True]


async def test_a_copy_is_the_notebook_in_the_workspace(jp_fetch, jp_root_dir: Path):
    copied = await copy(jp_fetch, name=XGBOOST)
    assert copied == {"path": XGBOOST, "kernel_name": "python3"}
    notebook = nbformat.read(jp_root_dir / XGBOOST, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    assert notebook.cells[0].source.startswith("# Sorting Hat algorithm")
    # Clean: a person runs it themselves.
    assert all(not cell.get("outputs") for cell in notebook.cells)
    # JupyterLab's contents API sees it at once.
    listing = body(await jp_fetch("api", "contents", ""))
    assert XGBOOST in [item["name"] for item in listing["content"]]


async def test_an_existing_file_is_never_overwritten(jp_fetch, jp_root_dir: Path):
    (jp_root_dir / XGBOOST).write_text("my own work")
    (jp_root_dir / "sorting_hat_xgboost-2.ipynb").write_text("more of my work")
    copied = await copy(jp_fetch, name=XGBOOST)
    assert copied["path"] == "sorting_hat_xgboost-3.ipynb"
    assert (jp_root_dir / XGBOOST).read_text() == "my own work"
    assert (jp_root_dir / "sorting_hat_xgboost-2.ipynb").read_text() == "more of my work"
    assert json.loads((jp_root_dir / copied["path"]).read_text())["cells"]


async def test_a_copy_goes_into_a_folder_of_the_workspace(jp_fetch, jp_root_dir: Path):
    (jp_root_dir / "team" / "owls").mkdir(parents=True)
    copied = await copy(jp_fetch, name="owls_arima.ipynb", directory="team/owls/")
    assert copied["path"] == "team/owls/owls_arima.ipynb"
    assert (jp_root_dir / "team" / "owls" / "owls_arima.ipynb").is_file()


@pytest.mark.parametrize(("directory", "status", "code"), [
    ("../elsewhere", 400, "invalid_path"),
    ("/etc", 400, "invalid_path"),
    (".hidden", 400, "invalid_path"),
    ("outside-link", 400, "invalid_path"),
    ("no-such-folder", 404, "not_found"),
])
async def test_a_folder_outside_the_workspace_or_missing_is_refused(
        jp_fetch, jp_root_dir: Path, tmp_path: Path, directory, status, code):
    (tmp_path / "elsewhere").mkdir()
    (jp_root_dir / ".hidden").mkdir()
    (jp_root_dir / "outside-link").symlink_to(tmp_path / "elsewhere")
    answer = await refused(jp_fetch, name=XGBOOST, directory=directory)
    assert answer == (status, {"error": code, "message": answer[1]["message"]})
    assert not list((tmp_path / "elsewhere").iterdir())


async def test_an_unknown_example_is_a_404_naming_the_examples(jp_fetch, jp_root_dir: Path):
    status, answer = await refused(jp_fetch, name="../../etc/passwd")
    assert status == 404
    assert "sorting_hat_xgboost.ipynb" in answer["message"]
    assert not list(jp_root_dir.iterdir())


async def test_a_body_without_a_name_is_a_400(jp_fetch):
    status, answer = await refused(jp_fetch, directory="")
    assert status == 400 and "name" in answer["message"]


@pytest.mark.parametrize("examples_config", [{"kernel_name": "mlflow-training"}],
                         indirect=True)
async def test_the_copy_opens_on_the_configured_kernel(jp_fetch, jp_root_dir: Path):
    copied = await copy(jp_fetch, name=XGBOOST)
    assert copied["kernel_name"] == "mlflow-training"
    spec = json.loads((jp_root_dir / XGBOOST).read_text())["metadata"]["kernelspec"]
    # No such kernel on this server: its name stands for its display name.
    assert spec == {"name": "mlflow-training", "display_name": "mlflow-training",
                    "language": "python"}


async def test_the_default_kernel_keeps_its_display_name(jp_fetch, jp_root_dir: Path):
    await copy(jp_fetch, name=XGBOOST)
    spec = json.loads((jp_root_dir / XGBOOST).read_text())["metadata"]["kernelspec"]
    assert spec["display_name"].startswith("Python 3")


def test_the_getting_started_guide_offers_every_example_and_only_those():
    guide = (Path(__file__).parents[2] / "docs" / "getting-started.md").read_text()
    linked = re.findall(r"\]\(\.\./jupyter_dsws/examples/notebooks/([\w-]+\.ipynb)\)", guide)
    assert linked == [e.name for e in EXAMPLES]
