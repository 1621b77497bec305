"""SDK response objects (pydantic models, dicts, plain objects) as the JSON the mappers read."""

from __future__ import annotations

import re
from typing import Any


def plain(value: Any) -> Any:
    """The JSON form of an SDK object: dicts as they are, pydantic models via model_dump(), else attributes."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    for method in ("model_dump", "to_dict"):
        dump = getattr(value, method, None)
        if callable(dump):
            try:
                return plain(dump())
            except TypeError:
                pass
    if hasattr(value, "__dict__"):
        return {key: plain(item) for key, item in vars(value).items() if not key.startswith("_")}
    return value


def field(value: Any, name: str) -> Any:
    """value[name] for dicts, value.name for objects, None when absent."""
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


def camel(value: Any) -> Any:
    """Keys in lowerCamelCase: google-genai's model_dump() writes usage_metadata, the REST API usageMetadata."""
    if isinstance(value, dict):
        return {_camel(key): camel(item) for key, item in value.items()}
    if isinstance(value, list):
        return [camel(item) for item in value]
    return value


def _camel(key: str) -> str:
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), key) if "_" in key else key
