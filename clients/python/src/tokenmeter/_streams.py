"""Streams handed back to the caller unchanged, watched for the usage their last chunks carry."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

from ._responses import field, plain


class UsageCollector:
    """Folds stream items into one response-shaped dict that the provider's mapper reads."""

    def __init__(self, kind: str):
        self.kind = kind
        self.response: dict = {}

    def add(self, item: Any) -> None:
        getattr(self, "_" + self.kind)(item)

    def _openai_chat(self, chunk: Any) -> None:
        self.response.setdefault("model", field(chunk, "model"))
        self.response.setdefault("id", field(chunk, "id"))
        if field(chunk, "usage") is not None:  # the last chunk, with stream_options.include_usage
            self.response["usage"] = plain(field(chunk, "usage"))

    def _openai_responses(self, event: Any) -> None:
        if field(event, "type") in ("response.completed", "response.incomplete", "response.failed"):
            self.response = plain(field(event, "response")) or {}

    def _anthropic(self, event: Any) -> None:
        kind = field(event, "type")
        if kind == "message_start":
            self.response = plain(field(event, "message")) or {}
        elif kind == "message_delta" and field(event, "usage") is not None:
            usage = self.response.setdefault("usage", {})
            usage.update({key: value for key, value in plain(field(event, "usage")).items() if value is not None})

    def _gemini(self, chunk: Any) -> None:
        if field(chunk, "usage_metadata") is not None or field(chunk, "usageMetadata") is not None:
            self.response = plain(chunk)


class WatchedStream:
    """Iterates (sync or async) like the SDK's stream; calls on_end(collector, error) once when it ends."""

    def __init__(self, inner: Any, collector: UsageCollector, on_end: Callable[[UsageCollector, Optional[BaseException]], None]):
        self._inner = inner
        self._collector = collector
        self._on_end = on_end
        self._ended = False
        self._it: Any = None
        self._ait: Any = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __iter__(self) -> "WatchedStream":
        return self

    def __next__(self) -> Any:
        if self._it is None:
            self._it = iter(self._inner)
        with self._step():
            item = next(self._it)
        return self._seen(item)

    def __aiter__(self) -> "WatchedStream":
        return self

    async def __anext__(self) -> Any:
        if self._ait is None:
            self._ait = self._inner.__aiter__()
        with self._step():
            item = await self._ait.__anext__()
        return self._seen(item)

    def __enter__(self) -> "WatchedStream":
        if hasattr(self._inner, "__enter__"):
            self._inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        self._end(exc[1])
        return self._inner.__exit__(*exc) if hasattr(self._inner, "__exit__") else None

    async def __aenter__(self) -> "WatchedStream":
        if hasattr(self._inner, "__aenter__"):
            await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> Any:
        self._end(exc[1])
        return await self._inner.__aexit__(*exc) if hasattr(self._inner, "__aexit__") else None

    def close(self) -> Any:
        self._end(None)
        close = getattr(self._inner, "close", None)
        return close() if callable(close) else None

    def _seen(self, item: Any) -> Any:
        """Collects the item's usage and hands the item on."""
        try:
            self._collector.add(item)
        except Exception:  # noqa: BLE001 - an unexpected chunk shape must not break the caller's loop
            pass
        return item

    @contextmanager
    def _step(self) -> Iterator[None]:
        """One step of the (sync or async) iteration. When it raises, the stream has ended: cleanly
        (StopIteration, StopAsyncIteration) or with that failure; the error goes on to the caller."""
        try:
            yield
        except BaseException as error:
            self._end(None if isinstance(error, (StopIteration, StopAsyncIteration)) else error)
            raise

    def _end(self, error: Optional[BaseException]) -> None:
        if not self._ended:
            self._ended = True
            self._on_end(self._collector, error)
