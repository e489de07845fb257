import asyncio

from jupyter_dsws.background import BackgroundTask


async def test_starts_once_and_stops_the_work():
    started: list[int] = []
    cancelled: list[bool] = []
    began = asyncio.Event()

    async def work() -> None:
        started.append(1)
        began.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    task = BackgroundTask("dsws-test", work)
    task.start()
    task.start()  # a second start while it runs starts nothing more
    await asyncio.wait_for(began.wait(), 5)  # a second task would have begun with the first
    assert started == [1] and task.running
    await task.stop()
    assert cancelled == [True] and not task.running
    await task.stop()  # stopping twice is harmless
    began.clear()
    task.start()  # and it can start again
    await asyncio.wait_for(began.wait(), 5)
    assert started == [1, 1]
    await task.stop()
