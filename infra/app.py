"""Entry point for the CDK CLI (`cdk synth|deploy` in this folder). `dsws infra` does the
same without the CLI; both read the config file named by DSWS_INFRA_CONFIG (every default
when it is unset)."""

import os
from pathlib import Path

from jupyter_dsws.infra.config import load_config
from jupyter_dsws.infra.synth import build_app

config_path = os.environ.get("DSWS_INFRA_CONFIG")
build_app(load_config(Path(config_path) if config_path else None)).synth()
