"""The asyncio publisher: the same batching and bounds as Publisher, run as a task of the event loop.

    publisher = AsyncPublisher()            # TOKENMETER_INGEST_URL / TOKENMETER_INGEST_KEY
    publisher.publish(event)                # never blocks, never raises
    await publisher.aclose()                # on shutdown: sends what is queued

Requests run in the loop's default executor (the standard library has no asyncio HTTP client), so
the loop never waits for the network.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from typing import Any, Mapping, Optional

from . import _http
from ._settings import Settings
from .publisher import Stats, _Counters, _enqueue

log = logging.getLogger("tokenmeter")


class AsyncPublisher:
    """Bounded (max_queue, drop oldest) background batching for asyncio programs."""

    def __init__(self, ingest_url: Optional[str] = None, ingest_key: Optional[str] = None, **options: Any):
        self.settings = Settings.resolve(ingest_url, ingest_key, **options)
        self._queue: collections.deque = collections.deque()
        self._counters = _Counters()
        self._in_flight = 0
        self._wake: Optional[asyncio.Event] = None
        self._idle: Optional[asyncio.Event] = None
        self._task: Optional[asyncio.Task] = None
        self._closed = False

    def publish(self, event: Mapping[str, Any]) -> None:
        """Queues the event (from the loop's thread); the oldest queued one is dropped when full."""
        try:
            if self._closed:
                _enqueue(self._queue, self._counters, self.settings, True, event)
                return
            full = _enqueue(self._queue, self._counters, self.settings, False, event)
            self._ensure_task()
            if full:
                self._wake.set()
        except Exception:  # noqa: BLE001 - metering must never break the caller
            log.exception("tokenmeter: could not queue a usage event")

    async def flush(self, timeout: Optional[float] = None) -> bool:
        """Sends what is queued; True when all of it was delivered (or given up) within timeout seconds."""
        if not self._queue and not self._in_flight:
            return True
        self._ensure_task()
        self._flush_requested = True
        self._wake.set()
        try:
            await asyncio.wait_for(self._drained(), timeout)
            return True
        except asyncio.TimeoutError:
            return False

    async def aclose(self, timeout: Optional[float] = None) -> bool:
        done = await self.flush(self.settings.shutdown_timeout if timeout is None else timeout)
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if not done:
            log.warning("tokenmeter: %d usage event(s) not delivered at close", len(self._queue) + self._in_flight)
        return done

    def stats(self) -> Stats:
        c = self._counters
        return Stats(c.published, c.delivered, c.dropped, c.failed, c.invalid, len(self._queue) + self._in_flight)

    async def __aenter__(self) -> "AsyncPublisher":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()

    def _ensure_task(self) -> None:
        if self._task is None or self._task.done():
            self._wake, self._idle = asyncio.Event(), asyncio.Event()
            self._flush_requested = False
            self._task = asyncio.get_running_loop().create_task(self._run(), name="tokenmeter-publisher")

    async def _drained(self) -> None:
        while self._queue or self._in_flight:
            self._idle.clear()
            await self._idle.wait()

    async def _run(self) -> None:
        while True:
            if not self._queue:
                self._flush_requested = False
                self._idle.set()
            try:
                await asyncio.wait_for(self._wake.wait(), self.settings.flush_interval)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            while self._queue:
                size = min(len(self._queue), self.settings.max_batch)
                batch = [self._queue.popleft() for _ in range(size)]
                self._in_flight = len(batch)
                try:
                    await self._deliver(batch)
                except asyncio.CancelledError:
                    raise
                except Exception:  # noqa: BLE001 - the task must survive anything
                    log.exception("tokenmeter: unexpected error sending %d usage event(s)", len(batch))
                    self._done(batch, failed=len(batch))
            self._idle.set()

    async def _deliver(self, batch: list) -> None:
        s = self.settings
        started, attempt = time.monotonic(), 0
        while True:
            attempt += 1
            answer = await asyncio.get_running_loop().run_in_executor(
                None, _http.post, s.events_url, s.ingest_key, batch, s.timeout)
            if answer.accepted:
                for error in answer.errors:
                    log.warning("tokenmeter: usage event %s refused: %s", error.get("id"), error.get("reason"))
                self._done(batch, invalid=len(answer.errors))
                return
            delay = _http.backoff(attempt, s.min_backoff, s.max_backoff, answer.retry_after)
            if not answer.retry or time.monotonic() - started + delay > s.delivery_timeout:
                log.warning("tokenmeter: %d usage event(s) not accepted after %d attempt(s): %s",
                            len(batch), attempt, answer.reason)
                self._done(batch, failed=len(batch))
                return
            await asyncio.sleep(delay)

    def _done(self, batch: list, invalid: int = 0, failed: int = 0) -> None:
        self._counters.delivered += len(batch) - invalid - failed
        self._counters.invalid += invalid
        self._counters.failed += failed
        self._in_flight = 0
