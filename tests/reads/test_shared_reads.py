"""SharedReads on plain data: coalescing, expiry, refresh, our writes, throttling, the bound.

No server and no AWS: fetches are coroutines that count themselves, time is a fake clock.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from jupyter_dsws.aws.shared_reads import SharedReads
from jupyter_dsws.errors import AwsThrottled, NotAllowed

KEY = (("sagemaker",), "identity-a", "eu-central-1", "registry.groups", "{}")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Fetches:
    """A fetch that counts its calls and answers when released."""

    def __init__(self) -> None:
        self.count = 0
        self.release = asyncio.Event()
        self.release.set()
        self.fail: Exception | None = None

    async def __call__(self) -> Any:
        self.count += 1
        number = self.count
        await self.release.wait()
        if self.fail is not None:
            raise self.fail
        return {"answer": number}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def reads(clock: Clock) -> SharedReads:
    return SharedReads(monotonic=clock, wall=clock)


async def test_concurrent_identical_reads_wait_for_one_fetch(reads):
    fetch = Fetches()
    fetch.release.clear()
    waiting = [asyncio.ensure_future(reads.read(KEY, fetch, ttl=30)) for _ in range(50)]
    await asyncio.sleep(0)
    fetch.release.set()
    answers = await asyncio.gather(*waiting)
    assert fetch.count == 1
    assert {a.value["answer"] for a in answers} == {1}


async def test_an_answer_is_kept_for_its_ttl_then_fetched_again(reads, clock):
    fetch = Fetches()
    first = await reads.read(KEY, fetch, ttl=30)
    clock.now += 29
    assert (await reads.read(KEY, fetch, ttl=30)).value == first.value
    clock.now += 2
    again = await reads.read(KEY, fetch, ttl=30)
    assert fetch.count == 2 and again.value == {"answer": 2}
    assert again.fetched_at == clock.now


async def test_ttl_zero_keeps_nothing_but_still_shares_a_read_in_flight(reads):
    fetch = Fetches()
    await reads.read(KEY, fetch, ttl=0)
    await reads.read(KEY, fetch, ttl=0)
    assert fetch.count == 2
    fetch.release.clear()
    both = [asyncio.ensure_future(reads.read(KEY, fetch, ttl=0)) for _ in range(2)]
    await asyncio.sleep(0)
    fetch.release.set()
    await asyncio.gather(*both)
    assert fetch.count == 3


async def test_refresh_skips_the_stored_answer_but_joins_the_read_in_flight(reads):
    fetch = Fetches()
    await reads.read(KEY, fetch, ttl=30)
    fetch.release.clear()
    refreshes = [asyncio.ensure_future(reads.read(KEY, fetch, ttl=30, refresh=True))
                 for _ in range(5)]
    await asyncio.sleep(0)
    fetch.release.set()
    answers = await asyncio.gather(*refreshes)
    assert fetch.count == 2
    assert {a.value["answer"] for a in answers} == {2}
    assert (await reads.read(KEY, fetch, ttl=30)).value == {"answer": 2}  # stored


async def test_our_write_makes_the_reads_of_its_service_fresh(reads):
    fetch = Fetches()
    other = (("codecommit",), *KEY[1:])
    await reads.read(KEY, fetch, ttl=30)
    await reads.read(other, fetch, ttl=30)
    reads.wrote("sagemaker")
    assert (await reads.read(KEY, fetch, ttl=30)).value == {"answer": 3}
    assert (await reads.read(other, fetch, ttl=30)).value == {"answer": 2}  # not its service


async def test_a_read_in_flight_during_our_write_is_neither_stored_nor_joined(reads):
    fetch = Fetches()
    fetch.release.clear()
    before = asyncio.ensure_future(reads.read(KEY, fetch, ttl=30))
    await asyncio.sleep(0)
    reads.wrote("sagemaker")  # e.g. an approval landed while the list was being read
    after = asyncio.ensure_future(reads.read(KEY, fetch, ttl=30))
    await asyncio.sleep(0)
    fetch.release.set()
    assert (await before).value == {"answer": 1}
    assert (await after).value == {"answer": 2}
    assert (await reads.read(KEY, fetch, ttl=30)).value == {"answer": 2}


async def test_two_identities_never_share_an_answer(reads):
    fetch = Fetches()
    other_identity = (KEY[0], "identity-b", *KEY[2:])
    other_region = (*KEY[:2], "us-east-1", *KEY[3:])
    answers = [await reads.read(k, fetch, ttl=30) for k in (KEY, other_identity, other_region)]
    assert [a.value["answer"] for a in answers] == [1, 2, 3]


async def test_throttled_read_is_served_from_the_last_answer_with_its_age(reads, clock):
    fetch = Fetches()
    first = await reads.read(KEY, fetch, ttl=30)
    clock.now += 40
    fetch.fail = AwsThrottled("AWS is throttling sagemaker:ListModelPackageGroups (too many "
                              "calls) even after retries.")
    served = await reads.read(KEY, fetch, ttl=30)
    assert served.value == first.value and served.fetched_at == first.fetched_at
    assert "sagemaker:ListModelPackageGroups" in served.notice
    assert "40 s ago" in served.notice


async def test_throttled_read_without_an_earlier_answer_is_the_error(reads):
    fetch = Fetches()
    fetch.fail = AwsThrottled("AWS is throttling sts:GetCallerIdentity.")
    with pytest.raises(AwsThrottled):
        await reads.read(KEY, fetch, ttl=30)


async def test_other_errors_are_never_hidden_by_an_earlier_answer(reads, clock):
    fetch = Fetches()
    await reads.read(KEY, fetch, ttl=30)
    clock.now += 40
    fetch.fail = NotAllowed("Not allowed: AWS denied sagemaker:ListModelPackageGroups.")
    with pytest.raises(NotAllowed):
        await reads.read(KEY, fetch, ttl=30)


async def test_one_caller_giving_up_does_not_cancel_the_others_read(reads):
    fetch = Fetches()
    fetch.release.clear()
    leaving = asyncio.ensure_future(reads.read(KEY, fetch, ttl=30))
    staying = asyncio.ensure_future(reads.read(KEY, fetch, ttl=30))
    await asyncio.sleep(0)
    leaving.cancel()
    fetch.release.set()
    assert (await staying).value == {"answer": 1}


async def test_the_store_is_bounded_least_recently_used_first_out(clock):
    reads = SharedReads(max_bytes=3000, monotonic=clock, wall=clock, size_of=lambda _: 1000)
    fetch = Fetches()
    keys = [(*KEY[:4], str(n)) for n in range(4)]
    for key in keys[:3]:
        await reads.read(key, fetch, ttl=30)
    await reads.read(keys[0], fetch, ttl=30)  # used: the second is now the oldest
    await reads.read(keys[3], fetch, ttl=30)
    assert len(reads) == 3 and reads.stored_bytes == 3000
    count = fetch.count
    await reads.read(keys[0], fetch, ttl=30)
    assert fetch.count == count
    await reads.read(keys[1], fetch, ttl=30)
    assert fetch.count == count + 1


@pytest.mark.parametrize(("status", "parsed", "code"), [
    (400, {"Error": {"Code": "ThrottlingException"}}, "ThrottlingException"),
    (429, {"Error": {"Code": "TooManyRequestsException"}}, "TooManyRequestsException"),
    (503, {"Error": {"Code": "SlowDown"}}, "SlowDown"),
    (429, {}, "429"),
    (400, {"Error": {"Code": "ValidationException"}}, ""),
    (500, {"Error": {"Code": "InternalFailure"}}, ""),
    (200, {"Groups": []}, ""),
])
def test_a_throttled_attempt_is_remembered_for_the_call(status, parsed, code):
    """A call that runs out of time while backing off from throttling says "throttled"
    (deadline.CallState.throttled), not that the endpoint is silent."""
    from jupyter_dsws.aws.deadline import _throttle_code

    class Http:
        status_code = status

    assert _throttle_code((Http(), parsed)) == code
    assert _throttle_code(None) == ""


async def test_a_write_to_the_tracking_server_makes_only_its_reads_fresh(reads):
    from jupyter_dsws.aws.shared_reads import MLFLOW, UNSIGNED, read_key

    fetch = Fetches()
    runs = read_key((MLFLOW,), UNSIGNED, "eu-central-1", "experiments.runs",
                    {"server": "http://mlflow:5000", "experiment": "7"})
    same = read_key((MLFLOW,), UNSIGNED, "eu-central-1", "experiments.runs",
                    {"experiment": "7", "server": "http://mlflow:5000"})
    assert runs == same  # the parameters' order is no part of the read
    await reads.read(runs, fetch, ttl=15)
    await reads.read(KEY, fetch, ttl=30)
    reads.wrote(MLFLOW)  # e.g. a run tagged with its registered version
    assert (await reads.read(same, fetch, ttl=15)).value == {"answer": 3}
    assert (await reads.read(KEY, fetch, ttl=30)).value == {"answer": 2}
