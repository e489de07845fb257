"""GET dsws/idle/events reads the log's tail: broken lines are skipped, never counted."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from helpers import body

from jupyter_dsws.idle import events as events_module
from jupyter_dsws.idle.events import lines_backwards


async def keep(jp_fetch, client: str) -> None:
    await jp_fetch("dsws", "idle", "keep", method="POST", body=json.dumps({"client": client}))


async def recent(jp_fetch, limit: int) -> list[str]:
    found = body(await jp_fetch("dsws", "idle", "events", params={"limit": str(limit)}))["events"]
    # The person the test's identity provider made up (a random "Anonymous …") as "A person".
    return [e["reason"].replace(e["person"]["display_name"], "A person") for e in found]


async def test_broken_trailing_lines_do_not_count_against_the_limit(jp_fetch, idle, caplog):
    for client in ("t1", "t2", "t3"):
        await keep(jp_fetch, client)
    log = Path(idle.config.events_path)
    with log.open("a", encoding="utf-8") as file:
        file.write('{"__timestamp__": "2026-11-25T12:00:00+00:00Z", "__schema__": "https://jupyt\n')
        file.write("not json at all\n\n")
        file.write('{"some": "other schema"}\n')
        file.write('{"__schema__": "https://jupyter-dsws.org/events/idle/action/v1"}\n')

    with caplog.at_level(logging.WARNING, logger=events_module.__name__):
        assert await recent(jp_fetch, 2) == ["A person pressed keep working in browser t3.",
                                             "A person pressed keep working in browser t2."]
        assert len(await recent(jp_fetch, 50)) == 3
    told = [r.getMessage() for r in caplog.records if "unreadable line" in r.getMessage()]
    assert len(told) == 1, told  # once, not at every read
    assert "skipped 4 unreadable line(s)" in told[0]


async def test_an_event_after_a_line_cut_short_is_not_lost(jp_fetch, idle, extension):
    await keep(jp_fetch, "t1")
    log = Path(idle.config.events_path)
    # A crash in the middle of a write: the last line has no end.
    idle.monitor.events.close()
    with log.open("a", encoding="utf-8") as file:
        file.write('{"__timestamp__": "2026-11-25T12:00:00+00:00Z", "act')
    await keep(jp_fetch, "t2")
    assert await recent(jp_fetch, 2) == ["A person pressed keep working in browser t2.",
                                         "A person pressed keep working in browser t1."]


def test_lines_come_last_first_across_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(events_module, "_BLOCK", 7)
    path = tmp_path / "log"
    lines = ["first line", "", "the second, longer than a block", "é 3", "4"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert list(lines_backwards(path)) == ["4", "é 3", "the second, longer than a block",
                                           "first line"]
    path.write_text("no newline at the end", encoding="utf-8")
    assert list(lines_backwards(path)) == ["no newline at the end"]
    assert list(lines_backwards(tmp_path / "missing")) == []
