"""One POST of a batch to the ingest service (POST /api/v1/events), classified for the retry loop."""

from __future__ import annotations

import json
import random
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from typing import Optional

USER_AGENT = "tokenmeter-python/0.1.0"


@dataclass
class Answer:
    """accepted: the batch is done (errors names invalid items); retry: send it again; else refused for good."""
    accepted: bool
    retry: bool
    reason: str = ""
    retry_after: Optional[float] = None
    errors: list = field(default_factory=list)


def post(url: str, key: str, batch: list, timeout: float) -> Answer:
    body = json.dumps(batch, separators=(",", ":")).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"Bearer {key}", "Content-Type": "application/json", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return Answer(accepted=True, retry=False)
    except urllib.error.HTTPError as error:
        problem = _problem(error)
        if error.code == 400 and isinstance(problem.get("errors"), list):
            return Answer(accepted=True, retry=False, reason="invalid items", errors=problem["errors"])
        reason = f"{error.code} {problem.get('detail', '')}".strip()
        if error.code in (408, 429) or error.code >= 500:
            return Answer(accepted=False, retry=True, reason=reason,
                          retry_after=retry_after(error.headers.get("Retry-After") if error.headers else None))
        return Answer(accepted=False, retry=False, reason=reason)
    except (urllib.error.URLError, OSError, ValueError) as error:  # refused, reset, timed out
        return Answer(accepted=False, retry=True, reason=repr(error))


def retry_after(header: Optional[str]) -> Optional[float]:
    """Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 10.2.3); None when absent or unreadable."""
    if not header:
        return None
    header = header.strip()
    if header.isdigit():
        return float(header)
    try:
        return max(0.0, (parsedate_to_datetime(header) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


def backoff(attempt: int, minimum: float, maximum: float, retry_after_seconds: Optional[float]) -> float:
    """Exponential backoff with jitter, never shorter than what the server asked for."""
    cap = min(maximum, minimum * 2 ** (attempt - 1))
    return max(cap / 2 + random.uniform(0, cap / 2), retry_after_seconds or 0.0)


def _problem(error: urllib.error.HTTPError) -> dict:
    try:
        problem = json.loads(error.read() or b"{}")
        return problem if isinstance(problem, dict) else {}
    except ValueError:
        return {}
