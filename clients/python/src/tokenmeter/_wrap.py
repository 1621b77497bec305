"""tokenmeter.wrap(client): the caller's OpenAI, Anthropic or Google Gen AI client, every call metered.

The wrapper is a thin proxy: attribute access goes to the client, and only the calling methods
below are instrumented. Each call publishes one usage event (success, error or timeout) after it
returns, fails, or its stream ends; the SDK's answer and exceptions reach the caller unchanged,
and nothing the metering does can raise into the caller's code.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from . import _events
from ._context import current
from ._responses import camel, plain
from ._streams import UsageCollector, WatchedStream

log = logging.getLogger("tokenmeter")


@dataclass(frozen=True)
class _Spec:
    endpoint: str
    mapper: Callable[[Mapping[str, Any]], _events.ProviderCall]
    stream_kind: str
    always_streams: bool = False


_OPENAI = {
    ("chat", "completions", "create"): _Spec("chat.completions", _events.map_openai_chat_completion, "openai_chat"),
    ("chat", "completions", "parse"): _Spec("chat.completions", _events.map_openai_chat_completion, "openai_chat"),
    ("responses", "create"): _Spec("responses", _events.map_openai_response, "openai_responses"),
}
_ANTHROPIC = {
    ("messages", "create"): _Spec("messages", _events.map_anthropic_message, "anthropic"),
}
_GEMINI_CALL = _Spec("generateContent", lambda r: _events.map_gemini_generate_content(camel(r)), "gemini")
_GEMINI_STREAM = _Spec("generateContent", _GEMINI_CALL.mapper, "gemini", always_streams=True)
_GEMINI = {
    ("models", "generate_content"): _GEMINI_CALL,
    ("models", "generate_content_stream"): _GEMINI_STREAM,
    ("aio", "models", "generate_content"): _GEMINI_CALL,
    ("aio", "models", "generate_content_stream"): _GEMINI_STREAM,
}


def wrap(client: Any, *, publisher: Any = None, provider: Optional[str] = None, tenant: Optional[str] = None,
         project: Optional[str] = None, tags: Optional[Mapping[str, str]] = None) -> Any:
    """The client, metered. Detects OpenAI (also AsyncOpenAI, AzureOpenAI), Anthropic and google-genai clients.

    publisher: a Publisher or AsyncPublisher (default: tokenmeter.default_publisher()). provider: the
    event's provider name (default openai / anthropic / google). tenant: omit it to let the ingest
    key decide. project, tags: defaults under what tokenmeter.context() sets.
    """
    if hasattr(client, "chat") and hasattr(client, "responses"):
        hooks, name = _OPENAI, "openai"
    elif hasattr(client, "messages"):
        hooks, name = _ANTHROPIC, "anthropic"
    elif hasattr(client, "models"):
        hooks, name = _GEMINI, "google"
    else:
        raise TypeError(f"tokenmeter.wrap: {type(client).__name__} is not an OpenAI, Anthropic or google-genai client")
    recorder = _Recorder(publisher, provider or name, tenant, {"project": project, "tags": dict(tags or {})})
    return _Proxy(client, (), hooks, recorder)


class _Proxy:
    def __init__(self, target: Any, path: tuple, hooks: dict, recorder: "_Recorder"):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_hooks", hooks)
        object.__setattr__(self, "_recorder", recorder)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        path = self._path + (name,)
        if path in self._hooks:
            return self._recorder.instrument(value, self._hooks[path])
        if any(hook[:len(path)] == path for hook in self._hooks):
            return _Proxy(value, path, self._hooks, self._recorder)
        if not self._path and name in ("with_options", "copy") and callable(value):
            return lambda *a, **k: _Proxy(value(*a, **k), (), self._hooks, self._recorder)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)

    def __repr__(self) -> str:
        return f"tokenmeter.wrap({self._target!r})"


class _Recorder:
    def __init__(self, publisher: Any, provider: str, tenant: Optional[str], defaults: dict):
        self._publisher = publisher
        self.provider = provider
        self.tenant = tenant
        self.defaults = defaults

    def instrument(self, method: Callable, spec: _Spec) -> Callable:
        def call(*args: Any, **kwargs: Any) -> Any:
            streaming = spec.always_streams or kwargs.get("stream") is True
            if streaming and spec.stream_kind == "openai_chat":
                kwargs = _with_stream_usage(kwargs)
            fields, started = current(), time.monotonic()
            try:
                result = method(*args, **kwargs)
            except BaseException as error:
                self._failed(spec, kwargs, fields, started, error)
                raise
            if inspect.isawaitable(result):
                return self._awaited(result, spec, kwargs, fields, started, streaming)
            return self._finished(result, spec, kwargs, fields, started, streaming)
        call.__wrapped__ = method  # type: ignore[attr-defined]
        return call

    async def _awaited(self, result: Any, spec: _Spec, kwargs: dict, fields: dict, started: float, streaming: bool) -> Any:
        try:
            value = await result
        except BaseException as error:
            self._failed(spec, kwargs, fields, started, error)
            raise
        return self._finished(value, spec, kwargs, fields, started, streaming)

    def _finished(self, result: Any, spec: _Spec, kwargs: dict, fields: dict, started: float, streaming: bool) -> Any:
        if not streaming:
            self._record(lambda: spec.mapper(plain(result)), spec, kwargs, fields, started)
            return result

        def ended(collector: UsageCollector, error: Optional[BaseException]) -> None:
            if error is not None and not isinstance(error, GeneratorExit):
                self._failed(spec, kwargs, fields, started, error)
            elif collector.response.get("usage") or collector.response.get("usageMetadata") \
                    or collector.response.get("usage_metadata"):
                self._record(lambda: spec.mapper(collector.response), spec, kwargs, fields, started)
            else:
                log.warning("tokenmeter: a %s stream ended without usage; recorded with 0 tokens", spec.endpoint)
                self._record(lambda: self._no_usage(spec, kwargs, collector.response), spec, kwargs, fields, started)
        return WatchedStream(result, UsageCollector(spec.stream_kind), ended)

    def _no_usage(self, spec: _Spec, kwargs: dict, response: dict) -> _events.ProviderCall:
        model = response.get("model") or response.get("modelVersion") or response.get("model_version") or kwargs.get("model")
        return _events.ProviderCall(self.provider, spec.endpoint, model, None, _events.Usage())

    def _failed(self, spec: _Spec, kwargs: dict, fields: dict, started: float, error: BaseException) -> None:
        status = "timeout" if _is_timeout(error) else "error"
        code = getattr(error, "status_code", None)
        kind = f"http_{code}" if isinstance(code, int) else type(error).__name__
        call = _events.ProviderCall(self.provider, spec.endpoint, _model_argument(kwargs), None, _events.Usage())
        self._record(lambda: call, spec, kwargs, fields, started, status=status,
                     error={"type": kind[:64], "message": str(error)[:1000]})

    def _record(self, build: Callable[[], _events.ProviderCall], spec: _Spec, kwargs: dict, fields: dict,
                started: float, status: str = "success", error: Optional[dict] = None) -> None:
        try:
            latency = min(3_600_000, max(0, round((time.monotonic() - started) * 1000)))
            call = build()
            provider_call = _events.ProviderCall(self.provider, call.endpoint, call.model or _model_argument(kwargs),
                                                 call.response_id, call.usage)
            tags = {**self.defaults["tags"], **fields.get("tags", {})}
            event = _events.usage_event(
                self.tenant, provider_call, project=fields.get("project", self.defaults["project"]),
                user=fields.get("user"), apiKey=fields.get("apiKey"), status=status, error=error,
                latencyMs=latency, tags=tags or None)
            self.publisher().publish(event)
        except Exception:  # noqa: BLE001 - metering must never break the caller
            log.exception("tokenmeter: could not record a %s call", spec.endpoint)

    def publisher(self) -> Any:
        if self._publisher is None:
            from . import default_publisher
            self._publisher = default_publisher()
        return self._publisher


def _with_stream_usage(kwargs: dict) -> dict:
    """OpenAI streams report usage only with stream_options.include_usage; add it when the caller did not."""
    try:
        options = dict(kwargs.get("stream_options") or {})
    except (TypeError, ValueError):  # not a mapping: the caller's own business, left as it is
        return kwargs
    if "include_usage" in options:
        return kwargs
    options["include_usage"] = True
    return {**kwargs, "stream_options": options}


def _model_argument(kwargs: dict) -> Optional[str]:
    model = kwargs.get("model")
    return model if isinstance(model, str) and model else None


def _is_timeout(error: BaseException) -> bool:
    if isinstance(error, (TimeoutError, asyncio.TimeoutError)):
        return True
    return any("Timeout" in cls.__name__ for cls in type(error).__mro__)
