import asyncio

from jupyter_dsws.background import BackgroundTask


async def test_starts_once_and_stops_the_work():
    started: list[int] = []
    cancelled: list[bool] = []

    async def work() -> None:
        started.append(1)
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    task = BackgroundTask("dsws-test", work)
    task.start()
    task.start()  # a second start while it runs starts nothing more
    await asyncio.sleep(0)
    assert started == [1] and task.running
    await task.stop()
    assert cancelled == [True] and not task.running
    await task.stop()  # stopping twice is harmless
    task.start()  # and it can start again
    await asyncio.sleep(0)
    assert started == [1, 1]
    await task.stop()
