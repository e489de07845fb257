# The two commands of the README:
#   make demo   set everything up, then run `dsws demo` (JupyterLab + a local AWS emulator)
#   make test   set everything up, then run every test: Python, TypeScript, browser
# Everything is installed by these targets on a fresh Debian machine (Python 3.11,
# Node 20, root); nothing is expected to be there already.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
ENVS := $(CURDIR)/build/envs
# checkov in its own venv (its pins clash with ours); outside ENVS, which wheel-envs wipes.
CHECKOV_ENV := $(CURDIR)/build/checkov-env
# MLflow's server in its own venv too (tests/experiments and the demo start it).
MLFLOW_ENV := $(CURDIR)/build/mlflow-env
export PATH := $(BIN):$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# yarn must not refuse a committed lock file nor try to reach anything but the registry
export YARN_ENABLE_TELEMETRY := 0

DEMO_ARGS ?=

.PHONY: demo test dev contract lint test-python test-ts test-browser wheel wheel-envs chromium clean checkov-env mlflow-env \
  spark-deps shellcheck test-lifecycle screenshots awscli-env

# The demo's domain installs the wheel in each space through its lifecycle configuration,
# which downloads it with the AWS CLI, as Studio's image has one.
demo: dev mlflow-env wheel awscli-env
	DSWS_DEMO_AWS_CLI=$(AWSCLI) dsws demo --wheel dist $(DEMO_ARGS)

# Each stage says how long it took, so that a slow one shows in CI's log.
stage = @start=$$(date +%s); $(MAKE) $(1); echo "== $(1): $$(( $$(date +%s) - start )) s"

test: dev chromium shellcheck
	$(call stage,lint)
	$(call stage,test-python)
	$(call stage,test-ts)
	$(call stage,wheel-envs)
	$(call stage,test-lifecycle)
	$(call stage,test-browser)
	@echo "All test suites passed."

# --- set-up ---------------------------------------------------------------------------

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	touch $@

# Build tools first (jlpm comes with jupyter-builder), then the JS packages, then our
# package in editable mode (its build hook runs `jlpm build`), then the dev symlink.
$(VENV)/.installed: $(VENV)/.created pyproject.toml package.json yarn.lock requirements/dev.txt \
  requirements/infra.txt
	$(BIN)/pip install -q -r requirements/dev.txt
	jlpm install --immutable
	$(BIN)/pip install -q --no-build-isolation -c requirements/dev.txt -e ".[test]"
	jupyter-builder develop --overwrite .
	touch $@

ui-tests/node_modules/.installed: ui-tests/package.json ui-tests/yarn.lock
	cd ui-tests && jlpm install --immutable
	touch $@

dev: $(VENV)/.installed ui-tests/node_modules/.installed

# The infra tests scan the synthesized template with checkov (tests/infra/test_infra_lint.py).
$(CHECKOV_ENV)/.installed: requirements/checkov.txt
	$(PYTHON) -m venv $(CHECKOV_ENV)
	$(CHECKOV_ENV)/bin/pip install -q --upgrade pip
	$(CHECKOV_ENV)/bin/pip install -q -r requirements/checkov.txt
	touch $@

checkov-env: $(CHECKOV_ENV)/.installed

# It is also the demo's kernel env: pyspark (the demo Livy's Spark) and sparkmagic with the
# %sm_analytics magic, which need Java and Kerberos' headers from Debian first (spark-deps).
$(MLFLOW_ENV)/.installed: requirements/mlflow.txt | spark-deps
	$(PYTHON) -m venv $(MLFLOW_ENV)
	$(MLFLOW_ENV)/bin/pip install -q --upgrade pip
	$(MLFLOW_ENV)/bin/pip install -q -r requirements/mlflow.txt
	touch $@

mlflow-env: $(MLFLOW_ENV)/.installed

# Debian's headless Java for pyspark (Spark 4 needs Java 17 or later) and Kerberos' headers
# for sparkmagic's gssapi, which pip builds from source.
spark-deps:
	@{ command -v java >/dev/null && command -v krb5-config >/dev/null; } || { \
	  echo "Installing Debian's headless Java (Spark) and Kerberos headers (sparkmagic)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    openjdk-17-jre-headless libkrb5-dev >/dev/null; }

shellcheck:
	@command -v shellcheck >/dev/null || { \
	  echo "Installing Debian's shellcheck for the lifecycle script's lint"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; }

chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's Chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The REST contract, written once: docs/openapi.yaml from the handlers, their pydantic
# models and docs/openapi.prose.yaml; the TypeScript types from docs/openapi.yaml (which
# `jlpm build` also does). tests/core/test_contract.py fails when either is not current.
contract: dev
	python scripts/gen_openapi.py
	jlpm build:types

# --- tests ----------------------------------------------------------------------------

lint: dev
	ruff check .
	jlpm typecheck
	# eslint, prettier and stylelint, as the JupyterLab extension template has them
	jlpm lint:check

test-python: dev checkov-env mlflow-env
	python scripts/check_auth.py
	# Four workers on two cores: the tests mostly wait (servers, kernels, git, MLflow).
	DSWS_CHECKOV=$(CHECKOV_ENV)/bin/checkov DSWS_MLFLOW=$(MLFLOW_ENV)/bin/mlflow \
	  python -m pytest -n 4

test-ts: dev
	jlpm test

test-browser: dev chromium awscli-env
	cd ui-tests && CI=$${CI:-} DSWS_WHEEL_ENVS=$(ENVS) DSWS_DEMO_AWS_CLI=$(AWSCLI) \
	  jlpm playwright test

# The pictures in docs/images, taken by the browser tests that show them, only on request
# (DSWS_SCREENSHOTS=1): a test run leaves docs/images as it is. Needs `make wheel-envs`.
SCREENSHOT_SPECS := sidebar instances registry experiments emr unreachable idle-stop
screenshots: dev chromium
	cd ui-tests && DSWS_SCREENSHOTS=1 DSWS_WHEEL_ENVS=$(ENVS) jlpm playwright test \
	  $(SCREENSHOT_SPECS:%=tests/%.spec.ts) --project newest --project unreachable --project idle

# --- the wheel, as users get it -------------------------------------------------------

# A clean production build: never a stale frontend in the wheel.
wheel: dev
	rm -rf dist jupyter_dsws/labextension
	python -m build --wheel --no-isolation --outdir dist . >/dev/null
	ls dist/*.whl

# Install the wheel alone into three fresh environments, the newest JupyterLab, the
# SageMaker Distribution's 4.5.10 + jupyter_server 2.20.0 and its older line's 4.4.10 with
# jupyter-collaboration 3.1, with a `node` on PATH that records any call: installing the
# wheel must not need node. Then check all three load it.
# The newest is also the demo's image in the browser tests: with jupyter-collaboration, as
# Studio's image has it (on in shared spaces only).
wheel-envs: wheel
	rm -rf $(ENVS) && mkdir -p $(ENVS)/no-node
	printf '#!/bin/sh\ntouch "%s/no-node/CALLED"\nexit 1\n' "$(ENVS)" > $(ENVS)/no-node/node
	chmod +x $(ENVS)/no-node/node
	$(PYTHON) -m venv $(ENVS)/newest
	$(PYTHON) -m venv $(ENVS)/studio
	PATH=$(ENVS)/no-node:$$PATH $(ENVS)/newest/bin/pip install -q "jupyterlab>=4.6,<5" \
	  "$$(ls dist/*.whl)[demo]" "jupyter-collaboration==5.0.4"
	PATH=$(ENVS)/no-node:$$PATH $(ENVS)/studio/bin/pip install -q -r requirements/studio.txt \
	  "$$(ls dist/*.whl)[demo]"
	$(PYTHON) -m venv $(ENVS)/studio-older
	PATH=$(ENVS)/no-node:$$PATH $(ENVS)/studio-older/bin/pip install -q \
	  -r requirements/studio-older.txt "$$(ls dist/*.whl)"
	test ! -e $(ENVS)/no-node/CALLED || { echo "installing the wheel called node"; exit 1; }
	python scripts/check_wheel_env.py $(ENVS)/newest
	python scripts/check_wheel_env.py $(ENVS)/studio --jupyterlab 4.5.10 --jupyter-server 2.20.0
	python scripts/check_wheel_env.py $(ENVS)/studio-older --jupyterlab 4.4.10
	# Real-time collaboration (a shared space's) with idle shutdown on both of Studio's lines,
	# against the installed wheel (pytest, not `python -m pytest`, which would import the
	# checkout instead).
	for env in studio studio-older; do \
	  $(ENVS)/$$env/bin/pip install -q pytest "pytest-jupyter[server]" pytest-timeout && \
	  $(ENVS)/$$env/bin/pytest -q -p no:cacheprovider tests/idle/test_rtc.py || exit 1; done

clean:
	rm -rf $(VENV) build dist node_modules ui-tests/node_modules labextension/lib \
	  jupyter_dsws/labextension tsconfig.tsbuildinfo

# The lifecycle script run for real in a SageMaker Distribution stand-in, with the wheel as
# users get it (tests/lifecycle/lcc_sandbox.py; its environments are cached in build/).
# It takes dist/*.whl as it is (`make test` has just built it): after changing the code,
# run `make wheel` first.
# The AWS CLI in its own venv (its pins clash with ours): the lifecycle script's `aws`, in
# the sandbox tests and in the demo's spaces.
AWSCLI := $(CURDIR)/build/lifecycle-sandbox/awscli/bin/aws
awscli-env: dev
	python tests/lifecycle/lcc_sandbox.py awscli

test-lifecycle: dev shellcheck
	test -n "$$(ls dist/*.whl 2>/dev/null)" || $(MAKE) wheel
	DSWS_WHEEL="$$(ls dist/*.whl | head -n 1)" python -m pytest -m sandbox tests/lifecycle
