"""The HTTP publisher against a local stand-in of the ingest endpoint: batching, retries, per-item errors."""

import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import tokenmeter_publisher as tm


class StubIngest:
    """Answers POST /api/v1/events with the next of `answers` (status, body); the last one repeats."""

    def __init__(self, answers):
        self.answers, self.requests = list(answers), []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append((self.headers["Authorization"], body))
                status, answer = stub.answers.pop(0) if len(stub.answers) > 1 else stub.answers[0]
                payload = json.dumps(answer(body) if callable(answer) else answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def accepted(body):
    return {"accepted": len(body)}


def event(i):
    call = tm.ProviderCall("openai", "chat.completions", "gpt-4o-mini", None, tm.Usage(1200, 1000, 0, 300, 0))
    return tm.usage_event("acme", call, id=f"req-{i}")


class PublisherTest(unittest.TestCase):

    def test_events_leave_in_batches_with_the_ingest_key(self):
        stub = StubIngest([(202, accepted)])
        try:
            with tm.UsagePublisher(stub.url, "s3cret", max_batch=10) as publisher:
                for i in range(25):
                    publisher.publish(event(i))
            self.assertEqual([len(body) for _, body in stub.requests], [10, 10, 5])
            self.assertEqual(stub.requests[0][0], "Bearer s3cret")
        finally:
            stub.close()

    def test_server_errors_are_retried_with_the_same_events(self):
        stub = StubIngest([(503, {"detail": "Kafka is down"}), (502, {}), (202, accepted)])
        try:
            with tm.UsagePublisher(stub.url, "s3cret", min_backoff=0.01, max_backoff=0.05) as publisher:
                publisher.publish(event(1))
            self.assertEqual([body[0]["id"] for _, body in stub.requests], ["req-1"] * 3)
        finally:
            stub.close()

    def test_per_item_errors_are_raised_and_not_retried(self):
        problem = {"status": 400, "accepted": 1, "errors": [
            {"index": 1, "id": "req-2", "reason": "too_old",
             "violations": [{"field": "time", "reason": "too_old", "message": "is older than 35 days"}]}]}
        stub = StubIngest([(400, problem)])
        try:
            publisher = tm.UsagePublisher(stub.url, "s3cret")
            publisher.publish(event(1))
            publisher.publish(event(2))
            with self.assertRaises(tm.InvalidEventsError) as raised:
                publisher.flush()
            self.assertEqual(raised.exception.accepted, 1)
            self.assertEqual([e["id"] for e in raised.exception.errors], ["req-2"])
            self.assertEqual(raised.exception.errors[0]["event"]["id"], "req-2")
            self.assertEqual(len(stub.requests), 1)
        finally:
            stub.close()

    def test_a_refused_key_fails_without_retry(self):
        stub = StubIngest([(401, {"detail": "Send an ingest key"})])
        try:
            publisher = tm.UsagePublisher(stub.url, "wrong")
            publisher.publish(event(1))
            with self.assertRaisesRegex(tm.PublishError, "401"):
                publisher.flush()
            self.assertEqual(len(stub.requests), 1)
        finally:
            stub.close()

    def test_an_unreachable_ingest_fails_after_the_delivery_timeout(self):
        publisher = tm.UsagePublisher("http://127.0.0.1:9", "s3cret", delivery_timeout=0.5,
                                      min_backoff=0.05, max_backoff=0.1)
        publisher.publish(event(1))
        with self.assertRaisesRegex(tm.PublishError, "not accepted within"):
            publisher.flush()


if __name__ == "__main__":
    unittest.main()
