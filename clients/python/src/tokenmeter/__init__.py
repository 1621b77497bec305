"""Tokenmeter for Python services: meter every LLM call, standard library only.

    import tokenmeter
    from openai import OpenAI

    client = tokenmeter.wrap(OpenAI())          # TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY
    with tokenmeter.context(project="support-bot", user="u_42", tags={"env": "prod"}):
        client.chat.completions.create(model="gpt-4o-mini", messages=[...])

Events go to the ingest service's HTTP endpoint in the background, bounded, retried, flushed at exit.
"""

from __future__ import annotations

import threading
from typing import Any, Optional

from ._context import context, current
from ._events import (ProviderCall, Usage, map_anthropic_message, map_gemini_generate_content,
                      map_openai_chat_completion, map_openai_response, new_event_id, usage_event)
from ._wrap import wrap
from .aio import AsyncPublisher
from .publisher import Publisher, Stats

__version__ = "0.1.0"
__all__ = [
    "AsyncPublisher", "ProviderCall", "Publisher", "Stats", "Usage", "configure", "context", "current",
    "default_publisher", "map_anthropic_message", "map_gemini_generate_content", "map_openai_chat_completion",
    "map_openai_response", "new_event_id", "usage_event", "wrap",
]

_default: Optional[Publisher] = None
_default_lock = threading.Lock()


def configure(ingest_url: Optional[str] = None, ingest_key: Optional[str] = None, **options: Any) -> Publisher:
    """Sets the publisher wrap() uses by default (closing the previous one) and answers it."""
    global _default
    publisher = Publisher(ingest_url, ingest_key, **options)
    with _default_lock:
        previous, _default = _default, publisher
    if previous is not None:
        previous.close()
    return publisher


def default_publisher() -> Publisher:
    """The configured publisher, or one made from TOKENMETER_INGEST_URL and TOKENMETER_INGEST_KEY on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Publisher()
        return _default
