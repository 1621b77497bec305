"""Who a call is for: project, user, apiKey and tags, set around calls with a context manager.

Held in a contextvars.ContextVar, so each thread and each asyncio task sees its own; nested contexts
add to the outer one (tags are merged, inner values win).
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator, Mapping, Optional

_current: contextvars.ContextVar[dict] = contextvars.ContextVar("tokenmeter_context", default={})


@contextlib.contextmanager
def context(*, project: Optional[str] = None, user: Optional[str] = None, api_key: Optional[str] = None,
            tags: Optional[Mapping[str, str]] = None) -> Iterator[None]:
    """with tokenmeter.context(project="support-bot", user="u_42", tags={"env": "prod"}): ..."""
    outer = _current.get()
    inner = dict(outer)
    for field, value in (("project", project), ("user", user), ("apiKey", api_key)):
        if value is not None:
            inner[field] = value
    if tags:
        inner["tags"] = {**outer.get("tags", {}), **tags}
    token = _current.set(inner)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> dict:
    """The event fields of the innermost context (project, user, apiKey, tags)."""
    return dict(_current.get())
