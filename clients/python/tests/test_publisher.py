"""The publishers against a local stand-in of the ingest endpoint: batching, bounds, retries, exit."""

import os
import pathlib
import subprocess
import sys
import textwrap
import time
import unittest

import tokenmeter
from stub_ingest import StubIngest

SRC = pathlib.Path(tokenmeter.__file__).resolve().parent.parent


def event(i):
    call = tokenmeter.ProviderCall("openai", "chat.completions", "gpt-4o-mini", None, tokenmeter.Usage(100, 0, 0, 10, 0))
    return tokenmeter.usage_event(None, call, id=f"req-{i}")


class PublisherTest(unittest.TestCase):

    def setUp(self):
        self.stub = None

    def tearDown(self):
        if self.stub:
            self.stub.close()

    def test_events_leave_in_batches_with_the_ingest_key(self):
        self.stub = StubIngest()
        with tokenmeter.Publisher(self.stub.url, "s3cret", max_batch=10, flush_interval=60) as publisher:
            for i in range(25):
                publisher.publish(event(i))
            self.assertTrue(publisher.flush(timeout=10))
            self.assertEqual(publisher.stats().delivered, 25)
        self.assertEqual(sorted(len(r["events"]) for r in self.stub.requests), [5, 10, 10])
        self.assertEqual(self.stub.ids(), [f"req-{i}" for i in range(25)])  # in order
        self.assertEqual(self.stub.requests[0]["auth"], "Bearer s3cret")

    def test_a_queued_event_leaves_after_flush_interval_without_a_flush(self):
        self.stub = StubIngest()
        with tokenmeter.Publisher(self.stub.url, "k", flush_interval=0.2) as publisher:
            publisher.publish(event(1))
            deadline = time.monotonic() + 5
            while not self.stub.requests and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertEqual(self.stub.ids(), ["req-1"])

    def test_retry_after_is_honoured_and_the_same_ids_are_resent(self):
        self.stub = StubIngest([(429, {"detail": "slow down"}, {"Retry-After": "1"}),
                                (503, {"detail": "broker unavailable"}, {"Retry-After": "1"}), (202, None, {})])
        with tokenmeter.Publisher(self.stub.url, "k", min_backoff=0.01, max_backoff=0.02) as publisher:
            publisher.publish(event(1))
            self.assertTrue(publisher.flush(timeout=10))
            self.assertEqual(publisher.stats().delivered, 1)
        first, second, third = (r["at"] for r in self.stub.requests)
        self.assertGreaterEqual(second - first, 0.95)
        self.assertGreaterEqual(third - second, 0.95)
        self.assertEqual(self.stub.ids(), ["req-1"] * 3)

    def test_a_full_queue_drops_the_oldest_events_and_counts_them(self):
        self.stub = StubIngest()
        with tokenmeter.Publisher(self.stub.url, "k", max_queue=5, max_batch=100, flush_interval=60) as publisher:
            for i in range(8):
                publisher.publish(event(i))
            self.assertEqual(publisher.stats().dropped, 3)
            self.assertEqual(publisher.stats().queued, 5)
            publisher.flush(timeout=10)
        self.assertEqual(self.stub.ids(), [f"req-{i}" for i in range(3, 8)])

    def test_invalid_items_are_counted_not_retried_and_never_raised(self):
        self.stub = StubIngest([(400, {"accepted": 1, "errors": [{"index": 1, "id": "req-1", "reason": "schema_violation"}]}, {})])
        with tokenmeter.Publisher(self.stub.url, "k") as publisher:
            publisher.publish(event(0))
            publisher.publish(event(1))
            with self.assertLogs("tokenmeter", "WARNING"):
                self.assertTrue(publisher.flush(timeout=10))
            stats = publisher.stats()
        self.assertEqual((stats.delivered, stats.invalid, len(self.stub.requests)), (1, 1, 1))

    def test_a_refused_key_fails_the_batch_without_retrying(self):
        self.stub = StubIngest([(401, {"detail": "unknown key"}, {})])
        with tokenmeter.Publisher(self.stub.url, "wrong") as publisher:
            publisher.publish(event(0))
            with self.assertLogs("tokenmeter", "WARNING"):
                publisher.flush(timeout=10)
            self.assertEqual(publisher.stats().failed, 1)
        self.assertEqual(len(self.stub.requests), 1)

    def test_publishing_never_raises_not_even_after_close_or_for_garbage(self):
        publisher = tokenmeter.Publisher("http://127.0.0.1:9", "k", delivery_timeout=0.1)
        with self.assertLogs("tokenmeter", "ERROR"):
            publisher.publish(None)  # logged, not raised
        publisher.close(timeout=1)
        with self.assertLogs("tokenmeter", "WARNING"):
            publisher.publish(event(0))
        self.assertEqual(publisher.stats().failed, 1)
        self.assertEqual(publisher.stats().published, 0)

    def test_events_still_queued_are_sent_when_the_interpreter_exits(self):
        self.stub = StubIngest()
        script = textwrap.dedent(f"""
            import tokenmeter
            publisher = tokenmeter.Publisher({self.stub.url!r}, "k", flush_interval=3600)
            call = tokenmeter.ProviderCall("openai", "chat.completions", "gpt-4o-mini", None, tokenmeter.Usage(1, 0, 0, 1, 0))
            for i in range(3):
                publisher.publish(tokenmeter.usage_event(None, call, id=f"exit-{{i}}"))
            # no flush, no close: atexit does it
        """)
        subprocess.run([sys.executable, "-c", script], check=True, timeout=30,
                       env={**os.environ, "PYTHONPATH": str(SRC)})
        self.assertEqual(self.stub.ids(), ["exit-0", "exit-1", "exit-2"])


class AsyncPublisherTest(unittest.IsolatedAsyncioTestCase):

    async def test_the_asyncio_publisher_batches_bounds_and_honours_retry_after(self):
        stub = StubIngest([(503, {"detail": "down"}, {"Retry-After": "1"}), (202, None, {})])
        try:
            async with tokenmeter.AsyncPublisher(stub.url, "k", max_queue=4, max_batch=2, flush_interval=60,
                                                 min_backoff=0.01, max_backoff=0.02) as publisher:
                for i in range(6):
                    publisher.publish(event(i))
                self.assertEqual(publisher.stats().dropped, 2)
                self.assertTrue(await publisher.flush(timeout=10))
                self.assertEqual(publisher.stats().delivered, 4)
            self.assertGreaterEqual(stub.requests[1]["at"] - stub.requests[0]["at"], 0.95)
            delivered = [e["id"] for r in stub.requests[1:] for e in r["events"]]
            self.assertEqual(delivered, ["req-2", "req-3", "req-4", "req-5"])
        finally:
            stub.close()


if __name__ == "__main__":
    unittest.main()
