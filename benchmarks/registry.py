"""How fast do the Models panel's lists open with a big registry, and what do they cost?

Seeds a fresh emulator (the demo's: moto's server) with GROUPS model package groups of
VERSIONS versions each, registered through ``register_model`` (metrics statistics JSON in
S3), then runs the panel's service (``RegistryService``, as the server does, in process)
and prints, for each list: wall time and the AWS API calls made (counted with botocore
event hooks on the server's own clients):
  1. the first page of groups (with each group's latest / latest approved / last change);
  2. a group's first page of versions with metrics read from S3, cold cache;
  3. the same page again, warm cache (ETag revalidation, no download);
  4. the Team overview's first page.

    .venv/bin/python benchmarks/registry.py [--groups 300] [--versions 30] [--workers 1]

Figures are from the emulator: moto scans every package for each list call, so its
ListModelPackages slows down with the registry's total size; AWS does not.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1]))

import boto3
from traitlets.config import Config

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.demo.emulator import Emulator
from jupyter_dsws.registry import register_model
from jupyter_dsws.registry.config import ModelRegistry
from jupyter_dsws.registry.service import RegistryService

REGION = "eu-central-1"
BUCKET = "bench-models"


def seed(endpoint: str, groups: int, versions: int, workers: int) -> float:
    session = boto3.session.Session(region_name=REGION, aws_access_key_id="testing",
                                    aws_secret_access_key="testing")
    s3 = session.client("s3", endpoint_url=endpoint)
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})

    def one_group(number: int) -> None:
        sagemaker = session.client("sagemaker", endpoint_url=endpoint)
        s3_client = session.client("s3", endpoint_url=endpoint)
        name = f"model-{number:04}"
        for version in range(1, versions + 1):
            status = ("Approved" if version % 5 == 0 else "Rejected" if version % 7 == 0
                      else "PendingManualApproval")
            register_model(
                name, f"s3://{BUCKET}/{name}/v{version}/model.tar.gz",
                "492215442770.dkr.ecr.eu-central-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                params={"max_depth": version % 8 + 2, "eta": round(0.3 / version, 4),
                        "num_round": 50 * version},
                metrics={"accuracy": (0.6 + version / 100, 0.01), "f1": 0.55 + version / 110,
                         "log_loss": 0.9 - version / 50},
                description=f"run {version}", approval_status=status,
                sagemaker_client=sagemaker, s3_client=s3_client)

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(one_group, range(groups)))
    return time.perf_counter() - started


async def measure(endpoint: str) -> list[tuple[str, float, Counter, str]]:
    aws = AwsAccess(region=REGION, endpoint_url=endpoint)
    service = RegistryService(aws, ModelRegistry(config=Config()))
    calls: Counter = Counter()

    def count(model: Any, **_: Any) -> None:
        calls[f"{model.service_model.service_name}.{model.name}"] += 1

    for name in ("sagemaker", "s3"):
        aws.client(name).meta.events.register("before-call.*.*", count)

    results = []

    async def timed(label: str, work: Any, describe: Any) -> Any:
        calls.clear()
        started = time.perf_counter()
        answer = await work
        results.append((label, time.perf_counter() - started, Counter(calls), describe(answer)))
        return answer

    groups = await timed("first page of groups", service.groups(),
                         lambda a: f"{len(a.groups)} groups, more: {a.next is not None}")
    name = groups.groups[0].name
    for label in ("versions page, cold cache", "versions page, warm cache"):
        await timed(f"{name}: {label}", service.versions(name),
                    lambda a: f"{len(a.versions)} versions, "
                              f"{sum(len(v.metrics) for v in a.versions)} metric values")
    await timed("Team overview, first page", service.overview(),
                lambda a: f"{len(a.groups)} groups, "
                          f"{sum(len(g.pending) for g in a.groups)} pending")
    aws.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=300)
    parser.add_argument("--versions", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1,
                        help="seeding threads; moto's CreateModelPackage is not thread-safe")
    args = parser.parse_args()
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    with tempfile.TemporaryDirectory() as git_root, Emulator(git_root=Path(git_root)) as emulator:
        seconds = seed(emulator.endpoint_url, args.groups, args.versions, args.workers)
        print(f"Seeded {args.groups} groups x {args.versions} versions "
              f"({args.groups * args.versions} packages) in {seconds:.1f} s")
        for label, elapsed, calls, what in asyncio.run(measure(emulator.endpoint_url)):
            total = sum(calls.values())
            detail = ", ".join(f"{k} {v}" for k, v in sorted(calls.items()))
            print(f"{label}: {elapsed * 1000:.0f} ms, {total} API calls ({detail}); {what}")


if __name__ == "__main__":
    main()
