"""A minimal Tokenmeter publisher for Python services: standard library only.

Maps provider responses onto the usage event contract (API.md section 1) and sends events to the
ingest service's HTTP endpoint (POST /api/v1/events) in batches, retrying what may be retried.

    publisher = UsagePublisher("http://ingest:8081", ingest_key)
    event = usage_event("acme", map_openai_chat_completion(response_json), project="support-bot")
    publisher.publish(event)
    ...
    publisher.close()   # sends what is left

The token fields mean what the contract says: inputTokens is every prompt token (cache reads and
writes included), outputTokens every generated token (reasoning included).
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping, Optional

__all__ = [
    "ProviderCall", "Usage", "UsagePublisher", "InvalidEventsError", "PublishError",
    "map_openai_chat_completion", "map_openai_response", "map_anthropic_message",
    "map_gemini_generate_content", "usage_event", "new_event_id",
]


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    cached_input_tokens: int = 0
    cache_write_tokens: int = 0
    output_tokens: int = 0
    reasoning_tokens: int = 0

    def to_json(self) -> dict:
        return {
            "inputTokens": self.input_tokens,
            "cachedInputTokens": self.cached_input_tokens,
            "cacheWriteTokens": self.cache_write_tokens,
            "outputTokens": self.output_tokens,
            "reasoningTokens": self.reasoning_tokens,
        }


@dataclass(frozen=True)
class ProviderCall:
    """What a provider response tells about the call, in the contract's terms."""
    provider: str
    endpoint: str
    model: Optional[str]
    response_id: Optional[str]
    usage: Usage


def _usage(response: Mapping[str, Any], field: str, what: str) -> Mapping[str, Any]:
    usage = response.get(field)
    if not isinstance(usage, Mapping):
        raise ValueError(f"The body is not {what} with a '{field}' object")
    return usage


def _count(parent: Any, field: str) -> int:
    """A token count; absent or null is 0 (providers leave out the counts that do not apply)."""
    value = parent.get(field) if isinstance(parent, Mapping) else None
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"'{field}' must be a non-negative integer, got {value!r}")
    return value


def _text(response: Mapping[str, Any], field: str) -> Optional[str]:
    value = response.get(field)
    return value if isinstance(value, str) and value else None


def map_openai_chat_completion(response: Mapping[str, Any]) -> ProviderCall:
    """OpenAI Chat Completions: prompt_tokens includes cached_tokens, completion_tokens includes reasoning_tokens."""
    usage = _usage(response, "usage", "an OpenAI chat completion (streamed? set stream_options.include_usage)")
    return ProviderCall("openai", "chat.completions", _text(response, "model"), _text(response, "id"), Usage(
        input_tokens=_count(usage, "prompt_tokens"),
        cached_input_tokens=_count(usage.get("prompt_tokens_details"), "cached_tokens"),
        output_tokens=_count(usage, "completion_tokens"),
        reasoning_tokens=_count(usage.get("completion_tokens_details"), "reasoning_tokens"),
    ))


def map_openai_response(response: Mapping[str, Any]) -> ProviderCall:
    """OpenAI Responses: input_tokens includes cached_tokens, output_tokens includes reasoning_tokens."""
    usage = _usage(response, "usage", "an OpenAI response")
    return ProviderCall("openai", "responses", _text(response, "model"), _text(response, "id"), Usage(
        input_tokens=_count(usage, "input_tokens"),
        cached_input_tokens=_count(usage.get("input_tokens_details"), "cached_tokens"),
        output_tokens=_count(usage, "output_tokens"),
        reasoning_tokens=_count(usage.get("output_tokens_details"), "reasoning_tokens"),
    ))


def map_anthropic_message(response: Mapping[str, Any]) -> ProviderCall:
    """Anthropic Messages: input_tokens EXCLUDES cache reads and writes, so they are added back."""
    usage = _usage(response, "usage", "an Anthropic message")
    cache_read = _count(usage, "cache_read_input_tokens")
    cache_write = _count(usage, "cache_creation_input_tokens")
    output = _count(usage, "output_tokens")
    thinking = min(output, _count(usage.get("output_tokens_details"), "thinking_tokens"))
    return ProviderCall("anthropic", "messages", _text(response, "model"), _text(response, "id"), Usage(
        input_tokens=_count(usage, "input_tokens") + cache_read + cache_write,
        cached_input_tokens=cache_read,
        cache_write_tokens=cache_write,
        output_tokens=output,
        reasoning_tokens=thinking,
    ))


def map_gemini_generate_content(response: Mapping[str, Any]) -> ProviderCall:
    """Gemini: promptTokenCount includes cached content; candidatesTokenCount EXCLUDES thoughts (billed as output)."""
    usage = _usage(response, "usageMetadata", "a Gemini generateContent response")
    thoughts = _count(usage, "thoughtsTokenCount")
    return ProviderCall("google", "generateContent", _text(response, "modelVersion"), _text(response, "responseId"), Usage(
        input_tokens=_count(usage, "promptTokenCount") + _count(usage, "toolUsePromptTokenCount"),
        cached_input_tokens=_count(usage, "cachedContentTokenCount"),
        output_tokens=_count(usage, "candidatesTokenCount") + thoughts,
        reasoning_tokens=thoughts,
    ))


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_id_lock = threading.Lock()
_last_id = [0, 0]  # millisecond, 80-bit random part


def new_event_id() -> str:
    """A ULID: 48-bit millisecond time + 80 random bits, Crockford base32; increasing within a process."""
    with _id_lock:
        millis = max(time.time_ns() // 1_000_000, _last_id[0])
        if millis == _last_id[0]:
            rand = (_last_id[1] + 1) % (1 << 80)
        else:
            rand = int.from_bytes(os.urandom(10), "big")
        _last_id[0], _last_id[1] = millis, rand
    value = (millis << 80) | rand
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def usage_event(tenant: str, call: ProviderCall, *, id: Optional[str] = None, time_: Optional[datetime] = None,
                model: Optional[str] = None, **fields: Any) -> dict:
    """A contract event for one call. fields: project, apiKey, user, status, error, latencyMs, costUsd, tags."""
    when = (time_ or datetime.now(timezone.utc)).astimezone(timezone.utc)
    event = {
        "id": id or new_event_id(),
        "tenant": tenant,
        "time": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "provider": call.provider,
        "model": model or call.model,
        "endpoint": call.endpoint,
        "usage": call.usage.to_json(),
    }
    event.update({key: value for key, value in fields.items() if value is not None})
    return event


class PublishError(Exception):
    """Events were not accepted (ingest unreachable or refusing); publishing them again is safe."""


class InvalidEventsError(PublishError):
    """Ingest answered 400 for some events: `errors` lists them (index, id, reason, violations)."""

    def __init__(self, errors: list, accepted: int):
        super().__init__(f"{len(errors)} event(s) invalid, {accepted} accepted: {errors}")
        self.errors = errors
        self.accepted = accepted


class UsagePublisher:
    """Batches events and POSTs them to the ingest service, retrying 5xx, 408, 429 and connection errors.

    publish() only queues; a batch leaves when it holds max_batch events, on flush() and on close().
    A 400 with per-item errors is never retried: the valid events of the batch are accepted, and
    InvalidEventsError names the invalid ones. Not thread-safe: use one per thread, or a lock.
    """

    def __init__(self, ingest_url: str, ingest_key: str, *, max_batch: int = 500, timeout: float = 30.0,
                 delivery_timeout: float = 120.0, min_backoff: float = 0.2, max_backoff: float = 10.0):
        if not 1 <= max_batch <= 1000:
            raise ValueError("max_batch must be 1-1000 (the endpoint's limit)")
        self._url = ingest_url.rstrip("/") + "/api/v1/events"
        self._key = ingest_key
        self._max_batch = max_batch
        self._timeout = timeout
        self._delivery_timeout = delivery_timeout
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._queue: list = []

    def publish(self, event: Mapping[str, Any]) -> None:
        self._queue.append(dict(event))
        if len(self._queue) >= self._max_batch:
            self.flush()

    def flush(self) -> None:
        """Sends every queued event; raises PublishError or InvalidEventsError when some were not accepted."""
        rejected, accepted = [], 0
        while self._queue:
            batch, self._queue = self._queue[:self._max_batch], self._queue[self._max_batch:]
            answer = self._send(batch)
            accepted += answer.get("accepted", 0)
            for error in answer.get("errors", []):
                rejected.append(dict(error, event=batch[error.get("index", 0)]))
        if rejected:
            raise InvalidEventsError(rejected, accepted)

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> "UsagePublisher":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _send(self, batch: list) -> dict:
        body = json.dumps(batch, separators=(",", ":")).encode("utf-8")
        started, attempt = time.monotonic(), 0
        while True:
            attempt += 1
            request = urllib.request.Request(self._url, data=body, method="POST", headers={
                "Authorization": f"Bearer {self._key}", "Content-Type": "application/json"})
            retry_after = None
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    return json.loads(response.read() or b"{}")
            except urllib.error.HTTPError as error:
                problem = _problem(error)
                if error.code == 400 and "errors" in problem:
                    return problem  # per-item errors: the valid events were accepted
                if error.code not in (408, 429) and error.code < 500:
                    raise PublishError(f"ingest refused the events: {error.code} {problem.get('detail', '')}") from error
                reason = f"{error.code} {problem.get('detail', '')}"
                header = error.headers.get("Retry-After") if error.headers else None
                retry_after = float(header) if header and header.isdigit() else None
            except (urllib.error.URLError, OSError) as error:  # refused, reset, timed out
                reason = repr(error)
            cap = min(self._max_backoff, self._min_backoff * 2 ** (attempt - 1))
            delay = max(cap / 2 + random.uniform(0, cap / 2), retry_after or 0)
            if time.monotonic() - started + delay > self._delivery_timeout:
                raise PublishError(f"not accepted within {self._delivery_timeout} s after {attempt} attempt(s): {reason}")
            time.sleep(delay)


def _problem(error: urllib.error.HTTPError) -> dict:
    try:
        problem = json.loads(error.read() or b"{}")
        return problem if isinstance(problem, dict) else {}
    except ValueError:
        return {}
