"""The thread publisher: publish() never blocks and never raises; a background thread sends batches."""

from __future__ import annotations

import atexit
import collections
import logging
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from . import _http
from ._settings import Settings

log = logging.getLogger("tokenmeter")


@dataclass(frozen=True)
class Stats:
    """Counters since start. dropped: pushed out of a full queue; failed: given up or refused; invalid: 400 items."""
    published: int
    delivered: int
    dropped: int
    failed: int
    invalid: int
    queued: int


class _Counters:
    def __init__(self) -> None:
        self.published = self.delivered = self.dropped = self.failed = self.invalid = 0


def _enqueue(queue: collections.deque, counters: _Counters, settings: Settings, closed: bool,
             event: Mapping[str, Any]) -> bool:
    """Queues the event, dropping the oldest queued one when full; answers whether a batch is full (wake the sender)."""
    if closed:
        counters.failed += 1
        log.warning("tokenmeter: publisher closed, usage event %s not sent", event.get("id"))
        return False
    if len(queue) >= settings.max_queue:
        queue.popleft()
        counters.dropped += 1
    queue.append(dict(event))
    counters.published += 1
    return len(queue) >= settings.max_batch


class Publisher:
    """Thread-safe background batching to HTTP ingest, bounded, flushed at interpreter exit.

    Memory holds at most max_queue queued events plus the one batch in flight. Events keep their id
    on every retry, and Tokenmeter counts each (tenant, id) once, so a retry never double-counts.
    """

    def __init__(self, ingest_url: Optional[str] = None, ingest_key: Optional[str] = None, **options: Any):
        self.settings = Settings.resolve(ingest_url, ingest_key, **options)
        self._queue: collections.deque = collections.deque()
        self._lock = threading.Condition()
        self._counters = _Counters()
        self._in_flight = 0
        self._flush_requested = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="tokenmeter-publisher", daemon=True)
        self._thread.start()
        atexit.register(_close_at_exit, weakref.ref(self))

    def publish(self, event: Mapping[str, Any]) -> None:
        """Queues the event; when the queue is full the oldest queued event is dropped (Stats.dropped)."""
        try:
            with self._lock:
                if _enqueue(self._queue, self._counters, self.settings, self._closed, event):
                    self._lock.notify_all()
        except Exception:  # noqa: BLE001 - metering must never break the caller
            log.exception("tokenmeter: could not queue a usage event")

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Sends what is queued now; True when everything was delivered (or given up) within timeout seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            self._flush_requested = True
            self._lock.notify_all()
            while self._queue or self._in_flight:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._lock.wait(remaining)
            return True

    def close(self, timeout: Optional[float] = None) -> bool:
        """Flushes (at most timeout, default shutdown_timeout seconds) and stops the thread."""
        if self._closed:
            return not self._queue
        done = self.flush(self.settings.shutdown_timeout if timeout is None else timeout)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        if not done:
            log.warning("tokenmeter: %d usage event(s) not delivered at close", len(self._queue) + self._in_flight)
        return done

    def stats(self) -> Stats:
        with self._lock:
            c = self._counters
            return Stats(c.published, c.delivered, c.dropped, c.failed, c.invalid, len(self._queue) + self._in_flight)

    def __enter__(self) -> "Publisher":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            try:
                self._deliver(batch)
            except Exception:  # noqa: BLE001 - the thread must survive anything
                log.exception("tokenmeter: unexpected error sending %d usage event(s)", len(batch))
                self._done(batch, failed=len(batch))

    def _next_batch(self) -> Optional[list]:
        with self._lock:
            waited_since = time.monotonic()
            while True:
                if self._closed and not self._queue:
                    return None
                due = time.monotonic() - waited_since >= self.settings.flush_interval
                if self._queue and (self._flush_requested or self._closed or due
                                    or len(self._queue) >= self.settings.max_batch):
                    size = min(len(self._queue), self.settings.max_batch)
                    batch = [self._queue.popleft() for _ in range(size)]
                    self._in_flight = len(batch)
                    if not self._queue:
                        self._flush_requested = False
                    return batch
                if not self._queue:
                    self._flush_requested = False
                    waited_since = time.monotonic()
                self._lock.wait(self.settings.flush_interval)

    def _deliver(self, batch: list) -> None:
        s = self.settings
        started, attempt = time.monotonic(), 0
        while True:
            attempt += 1
            answer = _http.post(s.events_url, s.ingest_key, batch, s.timeout)
            if answer.accepted:
                for error in answer.errors:
                    log.warning("tokenmeter: usage event %s refused: %s %s", error.get("id"), error.get("reason"),
                                error.get("violations", ""))
                self._done(batch, invalid=len(answer.errors))
                return
            delay = _http.backoff(attempt, s.min_backoff, s.max_backoff, answer.retry_after)
            if not answer.retry or time.monotonic() - started + delay > s.delivery_timeout or self._closing_past_deadline():
                log.warning("tokenmeter: %d usage event(s) not accepted after %d attempt(s): %s",
                            len(batch), attempt, answer.reason)
                self._done(batch, failed=len(batch))
                return
            log.info("tokenmeter: ingest unavailable (%s), retrying in %.1f s", answer.reason, delay)
            self._pause(delay)

    def _pause(self, seconds: float) -> None:
        """Waits out the backoff (a Retry-After included); only close() cuts it short."""
        until = time.monotonic() + seconds
        with self._lock:
            while not self._closed and (remaining := until - time.monotonic()) > 0:
                self._lock.wait(remaining)

    def _closing_past_deadline(self) -> bool:
        return self._closed

    def _done(self, batch: list, invalid: int = 0, failed: int = 0) -> None:
        with self._lock:
            self._counters.delivered += len(batch) - invalid - failed
            self._counters.invalid += invalid
            self._counters.failed += failed
            self._in_flight = 0
            self._lock.notify_all()


def _close_at_exit(ref: "weakref.ref[Publisher]") -> None:
    publisher = ref()
    if publisher is not None:
        publisher.close()
