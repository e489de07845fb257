"""The wire format of ``{base_url}dsws/examples…``.

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``); the descriptions here are the spec's.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from ..wire import WireModel


class ExampleInfo(WireModel):
    name: str = Field(description="The notebook's file name, e.g. sorting_hat_xgboost.ipynb.")
    title: str
    model: str = Field(description="The inventory's model: XGBoost, ARIMA, CNN or Seq2seq.")
    owner: str = Field(description="The team member whose path the notebook follows.")
    group: str = Field(description="The model package group, also the MLflow experiment.")
    summary: str
    gpu: bool = Field(description="True: it shows the GPU training-job path.")


class ExampleList(WireModel):
    examples: list[ExampleInfo]


class CopyExampleRequest(WireModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description=(
        "An example's name, as the list gives it."))
    directory: str = Field(default="", max_length=1024, description=(
        "The folder to copy it into, relative to root_dir; it must exist. Default (also "
        "when empty) the workspace's top folder."))


class CopiedExample(WireModel):
    path: str = Field(description=(
        "The new notebook, relative to root_dir. An existing file is never overwritten: "
        "the copy takes the first free name, name-2.ipynb, name-3.ipynb…"))
    kernel_name: str = Field(description="The kernel the copy opens with.")
