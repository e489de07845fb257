"""The Spark side of the demo's Livy: one Python process holding a local SparkSession.

Run by path with the Python of the demo's kernel env (the one with pyspark, ``make
mlflow-env``); it imports nothing of jupyter_dsws. It talks JSON lines with the Livy server
(``spark.py``) on the file descriptor it was started with as its standard output; anything
else that writes there (Spark, py4j, a statement's own print) goes to standard error or is
captured. Each Livy session gets its own namespace with ``spark`` and ``sc``, as a Livy
pyspark session has them; all share one SparkSession, so a session starts at once.

Messages in: ``{"op": "run", "session": 1, "code": "..."}``, ``{"op": "drop", "session":
1}``. Out: ``{"event": "ready", "version": "4.3.0"}`` or ``{"event": "failed", "error":
"..."}`` once, then one ``{"output": {...}}`` per run, in Livy's output shape.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import sys
import traceback


def _channel():
    """Our standard output for the protocol; fd 1 itself is pointed at standard error."""
    channel = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return channel


def _spark(cores: int, memory: str):
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(f"local[{cores}]").appName("dsws-demo-livy")
            .config("spark.driver.memory", memory)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(cores * 2))
            .getOrCreate())


def run(code: str, namespace: dict, count: int) -> dict:
    """Livy's output for ``code``: what it printed, then the value of a last expression."""
    out = io.StringIO()
    try:
        tree = ast.parse(code, mode="exec")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            exec(compile(tree, "<stdin>", "exec"), namespace)  # noqa: S102 (Livy runs code)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<stdin>", "eval"), namespace)  # noqa: S307
                if value is not None:
                    print(repr(value))
    except BaseException as exc:  # noqa: BLE001 (a statement's error is its output, as in Livy)
        return {"status": "error", "execution_count": count, "ename": type(exc).__name__,
                "evalue": str(exc),
                "traceback": traceback.format_exception(type(exc), exc, exc.__traceback__)}
    return {"status": "ok", "execution_count": count, "data": {"text/plain": out.getvalue()}}


def main() -> int:
    channel = _channel()
    cores = int(os.environ.get("DSWS_LIVY_CORES", "2"))
    memory = os.environ.get("DSWS_LIVY_MEMORY", "512m")
    try:
        spark = _spark(cores, memory)
    except BaseException as exc:  # noqa: BLE001 (told to the server, which says it)
        channel.write(json.dumps({"event": "failed", "error": f"{type(exc).__name__}: {exc}"})
                      + "\n")
        return 1
    channel.write(json.dumps({"event": "ready", "version": spark.version}) + "\n")
    namespaces: dict[int, dict] = {}
    counts: dict[int, int] = {}
    for line in sys.stdin:
        message = json.loads(line)
        session = int(message["session"])
        if message["op"] == "drop":
            namespaces.pop(session, None)
            continue
        namespace = namespaces.setdefault(
            session, {"__name__": "__main__", "spark": spark, "sc": spark.sparkContext})
        count = counts.get(session, 0)
        counts[session] = count + 1
        channel.write(json.dumps({"output": run(message["code"], namespace, count)}) + "\n")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
