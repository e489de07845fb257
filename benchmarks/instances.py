"""CPU time of the instance picker's answers: one recommendation, and an inventory of
10,000 rows (the most a file may have), on the bundled catalog. The inventory runs in a
worker thread on the server; this says how long it keeps a core busy."""

from __future__ import annotations

import time

from jupyter_dsws.instances.catalog import load_bundled
from jupyter_dsws.instances.models import InventoryRequest, WorkloadRequest
from jupyter_dsws.instances.service import InstancesService

ROWS = ["Harry,Sorting,XGBoost,15 Mb,No", "Ron,Summaries,Seq2seq,25 Mb,Yes",
        "Hermione,Owls,ARIMA,2 Mb,No", "Hermione,Library,CNN,50 Mb,Yes"]


def timed(label: str, fn, repeat: int) -> None:
    start = time.process_time()
    for _ in range(repeat):
        fn()
    per = (time.process_time() - start) / repeat
    print(f"{label}: {per * 1000:.2f} ms CPU")


def main() -> None:
    start = time.process_time()
    catalog = load_bundled()
    print(f"load the bundled catalog: {(time.process_time() - start) * 1000:.1f} ms CPU")
    service = InstancesService(catalog, region="eu-central-1", allowed=[],
                               idle_timeout_minutes=lambda: 60.0, working_days_per_month=21)
    request = WorkloadRequest(model="CNN", memory_gb=0.05, gpu="yes")
    timed("one recommendation (5 candidates)", lambda: service.recommend(request), 200)
    text = "User,Feature,Model,Memory,GPU usage\n" + "\n".join(ROWS * 2500) + "\n"
    big = InventoryRequest(csv=text)
    timed("inventory of 10,000 rows", lambda: service.inventory(big), 3)


if __name__ == "__main__":
    main()
