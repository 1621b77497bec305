"""Provider responses mapped onto the usage event contract (API.md section 1), and event ids.

inputTokens is every prompt token (cache reads and writes included), outputTokens every generated
token (reasoning included). The mapping tables with their sources are in examples/README.md.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from typing import Any, Mapping, Optional

@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    cached_input_tokens: int = 0
    cache_write_tokens: int = 0
    output_tokens: int = 0
    reasoning_tokens: int = 0

    def to_json(self) -> dict:
        """The contract's usage object: each field under its camelCase name (input_tokens -> inputTokens)."""
        return {_camel_case(f.name): getattr(self, f.name) for f in fields(self)}


def _camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


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
    what = "an OpenAI chat completion (streamed? set stream_options.include_usage)"
    return _map_openai(response, "chat.completions", what, "prompt_tokens", "completion_tokens")


def map_openai_response(response: Mapping[str, Any]) -> ProviderCall:
    """OpenAI Responses: input_tokens includes cached_tokens, output_tokens includes reasoning_tokens."""
    return _map_openai(response, "responses", "an OpenAI response", "input_tokens", "output_tokens")


def _map_openai(
    response: Mapping[str, Any], endpoint: str, what: str, input_field: str, output_field: str
) -> ProviderCall:
    """Both OpenAI APIs: the input count includes cached tokens and the output count reasoning tokens, each
    detailed in ``<field>_details``; only the field names differ."""
    usage = _usage(response, "usage", what)
    return ProviderCall("openai", endpoint, _text(response, "model"), _text(response, "id"), Usage(
        input_tokens=_count(usage, input_field),
        cached_input_tokens=_count(usage.get(f"{input_field}_details"), "cached_tokens"),
        output_tokens=_count(usage, output_field),
        reasoning_tokens=_count(usage.get(f"{output_field}_details"), "reasoning_tokens"),
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


def usage_event(tenant: Optional[str], call: ProviderCall, *, id: Optional[str] = None, time_: Optional[datetime] = None,
                model: Optional[str] = None, **fields: Any) -> dict:
    """A contract event for one call; tenant None lets the ingest key fill it in.

    fields: project, apiKey, user, status, error, latencyMs, costUsd, tags, serviceTier.
    """
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
    event.update(fields)
    return {key: value for key, value in event.items() if value is not None}

