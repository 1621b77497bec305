"""Stand-ins for the provider SDKs, which cannot be installed here: the same call paths, and answers
built from the recorded responses in examples/fixtures, as the SDKs' pydantic models expose them
(attribute access and model_dump(); google-genai's model_dump() writes snake_case keys)."""

from __future__ import annotations

import asyncio
import copy
import json
import pathlib
import re
import types

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "examples" / "fixtures"


def fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class Model:
    """A response object: attributes like the SDK's models, model_dump() like pydantic's."""

    def __init__(self, data: dict, snake: bool = False):
        self._data = _snake(data) if snake else data

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._data.get(name)  # the SDKs' models have every field, None when the API left it out
        if isinstance(value, dict):
            return Model(value)
        if isinstance(value, list):
            return [Model(v) if isinstance(v, dict) else v for v in value]
        return value

    def model_dump(self):
        return copy.deepcopy(self._data)


def _snake(value):
    if isinstance(value, dict):
        return {re.sub(r"(?<!^)([A-Z])", r"_\1", k).lower(): _snake(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_snake(v) for v in value]
    return value


class APIStatusError(Exception):
    """Shaped like openai.APIStatusError / anthropic.APIStatusError: a status_code and a message."""

    def __init__(self, message, status_code):
        super().__init__(message)
        self.status_code = status_code


class APITimeoutError(Exception):
    """Shaped like openai.APITimeoutError (a subclass of APIConnectionError there)."""


class Stream:
    """Like openai.Stream / anthropic.Stream: an iterator and a context manager with close()."""

    def __init__(self, items):
        self._items = iter(items)
        self.closed = False

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._items)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.closed = True


class AsyncStream:
    def __init__(self, items):
        self._items = iter(items)

    def __aiter__(self):
        return self

    async def __anext__(self):
        await asyncio.sleep(0)
        try:
            return next(self._items)
        except StopIteration:
            raise StopAsyncIteration from None


class Script:
    """What the next call answers: ("return", value) or ("raise", exception); records the kwargs."""

    def __init__(self):
        self.answers, self.calls = [], []

    def next(self, kwargs):
        self.calls.append(kwargs)
        kind, value = self.answers.pop(0)
        if kind == "raise":
            raise value
        return value(kwargs) if callable(value) else value


def openai_answer(name):
    return lambda kwargs: Model(fixture(name))


def openai_stream(kwargs, asynchronous=False):
    recorded = fixture("streams/openai-chat-completion-stream.json")
    chunks = recorded["chunks"] + ([recorded["usageChunk"]] if (kwargs.get("stream_options") or {}).get("include_usage") else [])
    items = [Model(c) for c in chunks]
    return AsyncStream(items) if asynchronous else Stream(items)


class OpenAI:
    """openai.OpenAI's call paths: chat.completions.create and responses.create."""

    def __init__(self):
        self.script = Script()
        self.chat = types.SimpleNamespace(completions=types.SimpleNamespace(create=self._create))
        self.responses = types.SimpleNamespace(create=self._create)
        self.api_key = "sk-test"

    def _create(self, **kwargs):
        return self.script.next(kwargs)


class AsyncOpenAI(OpenAI):
    async def _create(self, **kwargs):
        await asyncio.sleep(0)
        return self.script.next(kwargs)


class Anthropic:
    def __init__(self):
        self.script = Script()
        self.messages = types.SimpleNamespace(create=self._create)

    def _create(self, **kwargs):
        return self.script.next(kwargs)


class Genai:
    """google.genai.Client: models.generate_content(_stream) and the same under aio."""

    def __init__(self):
        self.script = Script()
        self.models = types.SimpleNamespace(generate_content=self._call, generate_content_stream=self._call)
        self.aio = types.SimpleNamespace(models=types.SimpleNamespace(
            generate_content=self._acall, generate_content_stream=self._acall))

    def _call(self, **kwargs):
        return self.script.next(kwargs)

    async def _acall(self, **kwargs):
        await asyncio.sleep(0)
        return self.script.next(kwargs)


def gemini_answer(name):
    return Model(fixture(name), snake=True)


def gemini_stream(asynchronous=False):
    items = [Model(c, snake=True) for c in fixture("streams/gemini-stream.json")["chunks"]]
    return AsyncStream(items) if asynchronous else Stream(items)


def anthropic_stream():
    return Stream([Model(e) for e in fixture("streams/anthropic-message-stream.json")["events"]])
