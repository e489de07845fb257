"""A Livy-compatible REST server of ours, in front of a real Spark in local mode.

No Livy server installs from PyPI or Debian; the demo and the tests need one for the EMR
panel's connect cell to really connect and ``%%spark`` cells to compute. ``start_livy``
runs one on 127.0.0.1 (``server.py``); Spark runs in the demo's kernel env (``spark.py``,
``worker.py``).
"""

from .server import Endpoint, LivyServer, start_livy

__all__ = ["Endpoint", "LivyServer", "start_livy"]
