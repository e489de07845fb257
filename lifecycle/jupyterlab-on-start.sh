#!/bin/bash
# jupyter_dsws: install and configure the extension at each JupyterLab start, offline.
# Rendered by `dsws lifecycle build` (the @@...@@ values are baked in). Studio gives a
# lifecycle script 5 minutes and fails the start on a non-zero exit, so every failure is
# logged and ends with exit 0 (the space starts without jupyter_dsws), unless strict.
set -Eeuo pipefail

S3_URI=@@S3_URI@@
VERSION=@@VERSION@@
MANIFEST_SHA256=@@MANIFEST_SHA256@@
SETTINGS_JSON=@@SETTINGS_JSON@@
REGION=@@REGION@@
STRICT=@@STRICT@@
BUDGET=${DSWS_TIME_BUDGET_SECONDS:-@@BUDGET@@}

PREFIX=${DSWS_CONDA_PREFIX:-/opt/conda}
RESTART=${DSWS_RESTART_COMMAND:-restart-jupyter-server}
CACHE=${DSWS_CACHE_DIR:-${HOME:-/home/sagemaker-user}/.cache/dsws-lcc}
METADATA=${DSWS_RESOURCE_METADATA_PATH:-/opt/ml/metadata/resource-metadata.json}
PY=$PREFIX/bin/python
PIP=$PREFIX/bin/pip
CONFIG=$PREFIX/etc/jupyter/jupyter_dsws_config.json
WHEELHOUSE=$CACHE/wheelhouse
WORK=""
CHANGED=()
SOURCE="already installed"

log() { printf '%s dsws-lcc %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

finish() { # exit code, summary; the summary is the last line, for CloudWatch searches
  if [[ -n $WORK ]]; then rm -rf "$WORK"; fi
  echo "dsws-lcc: $2 (${SECONDS}s)"
  exit "$1"
}

skip() {
  log "ERROR: $1"
  if [[ $STRICT == 1 ]]; then
    finish 1 "skipped: $1; strict mode, so this start fails"
  fi
  finish 0 "skipped: $1; the space starts without jupyter_dsws"
}

trap 'skip "unexpected error at line $LINENO"' ERR

# Runs a command within what is left of the time budget; 124 when it ran out.
bounded() {
  local left=$((BUDGET - SECONDS))
  if ((left <= 0)); then return 124; fi
  timeout -k 5 "$left" "$@"
}

# Copies one object from S3 with the image's AWS CLI (AWS_ENDPOINT_URL applies).
# S3's "slow down" (SlowDown, 503) outlasting the CLI's own three attempts is tried again, a
# little later each time, within the budget; anything else (no endpoint, access denied)
# fails at once.
s3get() {
  local out code tries=0
  while :; do
    code=0
    out=$(bounded aws --cli-connect-timeout 10 --cli-read-timeout 30 s3 cp --only-show-errors \
      "$1" "$2" 2>&1) || code=$?
    if ((code == 0)); then return 0; fi
    tries=$((tries + 1))
    if ((code == 124 || tries >= 6)) || [[ $out != *"(SlowDown)"* && $out != *"(503)"* ]]; then
      break
    fi
    log "aws s3 cp $1: S3 asks to slow down; again in ${tries}s"
    bounded sleep "$tries" || break
  done
  log "aws s3 cp $1: ${out:-exit $code}"
  if ((code == 124)); then skip "downloading $1 took longer than the ${BUDGET}s budget"; fi
  skip "cannot download $1 (S3 unreachable or access denied: check the S3 gateway endpoint and s3:GetObject for the execution role)"
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

cache_is_valid() {
  [[ -f $WHEELHOUSE/SHA256SUMS ]] && [[ $(sha "$WHEELHOUSE/SHA256SUMS") == "$MANIFEST_SHA256" ]] &&
    (cd "$WHEELHOUSE" && sha256sum --check --strict --quiet SHA256SUMS >/dev/null 2>&1)
}

# The wheelhouse in the cache under HOME (which persists): verified files are reused, and
# nothing is downloaded when the cached manifest is the one this script was built for.
fetch_wheelhouse() {
  if cache_is_valid; then
    SOURCE="from the cache"
    log "cached wheelhouse $WHEELHOUSE matches manifest ${MANIFEST_SHA256:0:12}"
    return 0
  fi
  log "downloading the wheelhouse from $S3_URI"
  s3get "$S3_URI/SHA256SUMS" "$WORK/SHA256SUMS"
  if [[ $(sha "$WORK/SHA256SUMS") != "$MANIFEST_SHA256" ]]; then
    skip "the manifest at $S3_URI/SHA256SUMS is not the one this script was built with (republished? rebuild and attach the new script)"
  fi
  local sum name
  while read -r sum name; do
    name=${name#\*}
    if [[ ! $name =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ || ${#sum} != 64 ]]; then
      skip "the manifest has an unexpected line: $sum $name"
    fi
    s3get "$S3_URI/$name" "$WORK/$name"
  done <"$WORK/SHA256SUMS"
  local bad
  bad=$(cd "$WORK" && sha256sum --check --strict SHA256SUMS 2>/dev/null | grep -v ': OK$' |
    cut -d: -f1 | tr '\n' ' ') || true
  if [[ -n $bad ]]; then
    skip "manifest mismatch: ${bad% } from $S3_URI does not match its SHA-256 in SHA256SUMS"
  fi
  rm -rf "$WHEELHOUSE.old"
  if [[ -d $WHEELHOUSE ]]; then mv "$WHEELHOUSE" "$WHEELHOUSE.old"; fi
  mv "$WORK" "$WHEELHOUSE"
  WORK=""
  rm -rf "$WHEELHOUSE.old"
  SOURCE="downloaded"
  log "wheelhouse verified and cached in $WHEELHOUSE"
}

installed_version() {
  "$PY" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$1" \
    2>/dev/null || true
}

# Our wheel with --no-deps, plus only those wheels of the wheelhouse the image lacks:
# nothing the image ships is upgraded or removed.
install() {
  local wanted=("jupyter_dsws==$VERSION") file dist out code=0
  for file in "$WHEELHOUSE"/*.whl; do
    dist=$(basename "$file")
    dist=${dist%%-*}
    if [[ $dist != jupyter_dsws && -z $(installed_version "$dist") ]]; then
      wanted+=("$file")
    fi
  done
  log "pip install --no-index --no-deps ${wanted[*]##*/} into $PREFIX"
  out=$(bounded "$PIP" install --no-index --find-links "$WHEELHOUSE" --no-deps --no-cache-dir \
    --disable-pip-version-check --no-input --quiet "${wanted[@]}" 2>&1) || code=$?
  if ((code != 0)); then
    log "pip: $out"
    if ((code == 124)); then skip "pip install took longer than the ${BUDGET}s budget"; fi
    skip "pip install failed: $(tail -n 1 <<<"$out")"
  fi
  CHANGED+=("jupyter_dsws $VERSION (wheelhouse $SOURCE)")
}

# Environment variables never reach the server (supervisord starts it): a config file does.
write_config() {
  if ! { mkdir -p "$(dirname "$CONFIG")" && printf '%s\n' "$SETTINGS_JSON" >"$CONFIG.new"; }; then
    skip "cannot write the settings to $CONFIG"
  fi
  if cmp -s "$CONFIG.new" "$CONFIG"; then
    rm -f "$CONFIG.new"
    log "settings unchanged in $CONFIG"
  else
    mv "$CONFIG.new" "$CONFIG"
    CHANGED+=("settings written to $CONFIG")
    log "settings written to $CONFIG: $SETTINGS_JSON"
  fi
}

# A server started before this run lacks what it changed. With no way to tell, restart.
server_running() {
  if ! command -v pgrep >/dev/null; then return 0; fi
  pgrep -f "$PREFIX/bin/jupyter-(lab|server)( |$)" >/dev/null
}

restart_if_needed() {
  if ((${#CHANGED[@]} == 0)); then return 0; fi
  if ! server_running; then
    log "no Jupyter server runs yet: it loads the extension when it starts"
    CHANGED+=("no server to restart")
    return 0
  fi
  local cmd code=0
  read -r -a cmd <<<"$RESTART"
  log "a Jupyter server runs without these changes: $RESTART"
  bounded "${cmd[@]}" >/dev/null 2>&1 || code=$?
  if ((code == 0)); then
    CHANGED+=("restarted the server")
  else
    log "WARNING: $RESTART failed (exit $code); the extension loads at the next server start"
    CHANGED+=("server restart failed")
  fi
}

main() {
  log "jupyter_dsws $VERSION on-start: prefix $PREFIX, wheelhouse $S3_URI, budget ${BUDGET}s"
  if [[ ! -x $PY || ! -x $PIP ]]; then skip "no python and pip in $PREFIX (DSWS_CONDA_PREFIX)"; fi
  if [[ -z $REGION && -r $METADATA ]]; then
    REGION=$(sed -n 's/.*"ResourceArn" *: *"arn:[^:]*:sagemaker:\([a-z0-9-]*\):.*/\1/p' \
      "$METADATA" | head -n 1) || true
  fi
  if [[ -n $REGION ]]; then export AWS_REGION=$REGION AWS_DEFAULT_REGION=$REGION; fi
  export AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=3

  if [[ $(installed_version jupyter_dsws) == "$VERSION" ]]; then
    log "jupyter_dsws $VERSION is already installed in $PREFIX"
  else
    if ! command -v aws >/dev/null; then skip "no AWS CLI (aws) on PATH"; fi
    mkdir -p "$CACHE" || skip "cannot create the cache folder $CACHE"
    WORK=$(mktemp -d "$CACHE/.download.XXXXXX") || skip "cannot write to $CACHE"
    fetch_wheelhouse
    install
  fi
  write_config
  restart_if_needed
  if ((${#CHANGED[@]} == 0)); then
    finish 0 "unchanged: jupyter_dsws $VERSION installed and configured, nothing restarted"
  fi
  local what
  what=$(printf '%s; ' "${CHANGED[@]}")
  if [[ $SOURCE == "already installed" ]]; then
    finish 0 "configured: ${what%; }"
  fi
  finish 0 "installed: ${what%; }"
}

main "$@"
