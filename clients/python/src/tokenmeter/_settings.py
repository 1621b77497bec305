"""Publisher settings shared by the thread and asyncio publishers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Settings:
    """Where and how events go. Every bound is a setting (README "Send usage", Python).

    max_queue: events held while ingest is slow or down; when full, the OLDEST is dropped and counted.
    max_batch: events per request (1-1000, the endpoint's limit). flush_interval: seconds a queued
    event waits at most before it is sent. timeout: seconds per request. delivery_timeout: seconds a
    batch is retried before it is given up (counted as failed). shutdown_timeout: seconds the exit
    flush may take.
    """
    ingest_url: str
    ingest_key: str
    max_queue: int = 10_000
    max_batch: int = 500
    flush_interval: float = 1.0
    timeout: float = 10.0
    delivery_timeout: float = 120.0
    min_backoff: float = 0.2
    max_backoff: float = 10.0
    shutdown_timeout: float = 5.0

    @property
    def events_url(self) -> str:
        return self.ingest_url.rstrip("/") + "/api/v1/events"

    def __post_init__(self) -> None:
        if not 1 <= self.max_batch <= 1000:
            raise ValueError("max_batch must be 1-1000 (the endpoint's limit)")
        if self.max_queue < 1:
            raise ValueError("max_queue must be at least 1")

    @staticmethod
    def resolve(ingest_url: Optional[str], ingest_key: Optional[str], **options) -> "Settings":
        """Arguments first, then TOKENMETER_INGEST_URL and TOKENMETER_INGEST_KEY."""
        url = ingest_url or os.environ.get("TOKENMETER_INGEST_URL")
        key = ingest_key or os.environ.get("TOKENMETER_INGEST_KEY")
        if not url or not key:
            raise ValueError("give ingest_url and ingest_key, or set TOKENMETER_INGEST_URL and TOKENMETER_INGEST_KEY")
        return Settings(url, key, **options)
