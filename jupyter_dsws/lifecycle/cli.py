"""``dsws lifecycle build|publish|attach|detach|list``: the admin's commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import attach as attaching
from . import listing, settings
from .awsapi import Calls, LifecycleError, LocalFileError, make_client
from .build import BuildError, build
from .publish import publish
from .settings import SettingsError

TAKES_EXTRA_ARGS = False

DEFAULT_OUT = Path("build/lifecycle")


def _aws_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", default=None,
                        help="AWS region (default: AWS_REGION / the AWS configuration).")
    parser.add_argument("--dry-run", action="store_true",
                        help="Print the API calls that would change something, with their "
                             "parameters, and make only read calls.")


def _target_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--domain", required=True, help="The Studio domain id, e.g. d-abc123.")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--user-profile", help="A user profile of the domain (default: the "
                       "domain's default user settings).")
    which.add_argument("--space", help="A space of the domain.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("build", help="Build the wheelhouse, its manifest and the script.")
    p.add_argument("--s3-uri", required=True, help="Where the wheelhouse will be published, "
                   "s3://bucket/prefix (baked into the script).")
    p.add_argument("--wheel", type=Path, help="Our wheel (default: built from this source "
                   "checkout, else downloaded for the installed version).")
    p.add_argument("--extra-wheel", type=Path, action="append", default=[],
                   help="A wheel the image lacks, installed only where it is missing "
                        "(repeatable; none is needed for SageMaker Distribution 4.x).")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT,
                   help=f"Output folder (default {DEFAULT_OUT}).")
    settings.add_arguments(p)

    p = actions.add_parser("publish", help="Upload the wheelhouse and its manifest to S3.")
    p.add_argument("--s3-uri", required=True, help="s3://bucket/prefix, as given to build.")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT,
                   help=f"The build's output folder (default {DEFAULT_OUT}).")
    _aws_options(p)

    p = actions.add_parser("attach", help="Create our lifecycle configuration (once per "
                           "script) and attach it to a domain, user profile or space.")
    p.add_argument("--script", type=Path, required=True, help="The script build wrote.")
    _target_options(p)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--built-in", action="store_true",
                      help="Also make it the built-in LCC: it runs at every space start "
                           "whatever the user picks (how an admin enforces the install).")
    mode.add_argument("--default", action="store_true",
                      help="Also make it the pre-selected (default) LCC.")
    _aws_options(p)

    p = actions.add_parser("detach", help="Remove our lifecycle configurations (only ours) "
                           "from a domain, user profile or space.")
    _target_options(p)
    _aws_options(p)

    p = actions.add_parser("list", help="Our lifecycle configurations, their versions and "
                           "where each is attached.")
    p.add_argument("--domain", help="Only look at this domain (default: every domain).")
    _aws_options(p)


def run(args: argparse.Namespace, extra: list[str]) -> int:
    try:
        return _run(args)
    except (BuildError, SettingsError, LifecycleError) as exc:
        print(f"dsws lifecycle {args.action}: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, SettingsError | LocalFileError) else 1
    except OSError as exc:
        # AWS failures arrive as LifecycleError (Calls wraps botocore's): an OSError here is
        # a local path the admin gave or build writes, e.g. --out naming a file.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"dsws lifecycle {args.action}: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


def _region(args: argparse.Namespace) -> str | None:
    return args.region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")


def _run(args: argparse.Namespace) -> int:
    if args.action == "build":
        result = build(s3_uri=args.s3_uri, out=args.out, settings=settings.from_args(args),
                       wheel=args.wheel, extra_wheels=tuple(args.extra_wheel))
        print(f"Built jupyter_dsws {result.version} for {args.s3_uri}:\n"
              f"  {result.script} ({result.base64_chars} of 16384 base64 characters)\n"
              f"  {result.manifest.parent}/ (wheelhouse and {result.manifest.name})\n"
              f"Next: dsws lifecycle publish --s3-uri {args.s3_uri} --out {args.out}")
        return 0

    if args.action == "attach":
        if args.space and args.built_in:
            print("dsws lifecycle attach: --built-in applies to a domain or a user profile; a "
                  "space has only a default lifecycle configuration.", file=sys.stderr)
            return 2
        if not args.script.is_file():
            raise LifecycleError(f"--script {args.script}: no such file.")
        try:
            script = args.script.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LocalFileError(f"--script {args.script}: cannot read it as the UTF-8 text "
                                 f"build writes ({exc}); run build again.") from None

    calls = Calls(dry_run=args.dry_run)
    region = _region(args)
    if args.action == "publish":
        keys = publish(calls, make_client("s3", region), s3_uri=args.s3_uri, out=args.out)
        if not args.dry_run:
            print(f"Published {len(keys)} files to {args.s3_uri}.")
        return 0

    sm = make_client("sagemaker", region)
    if args.action == "list":
        print(listing.format_rows(listing.list_ours(calls, sm, args.domain)))
        return 0
    target = attaching.Target(args.domain, args.user_profile, args.space)
    if args.action == "attach":
        mode = "built-in" if args.built_in else "default" if args.default else None
        attaching.attach(calls, sm, script=script, target=target, mode=mode, region=region)
        return 0
    attaching.detach(calls, sm, target=target)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m jupyter_dsws.lifecycle.cli …``, the same as ``dsws lifecycle …``."""
    parser = argparse.ArgumentParser(
        prog="dsws lifecycle",
        description="Build, publish and attach the Studio lifecycle configuration.")
    add_arguments(parser)
    return run(parser.parse_args(argv), [])


if __name__ == "__main__":
    sys.exit(main())
