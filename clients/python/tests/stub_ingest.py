"""A local stand-in for POST /api/v1/events that answers what a test scripts, and records what it got."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubIngest:
    """Answers with the next of `answers` ((status, body, headers)); the last one repeats."""

    def __init__(self, answers=((202, None, {}),)):
        self.answers, self.requests = list(answers), []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append({"at": time.monotonic(), "auth": self.headers["Authorization"], "events": body})
                status, answer, headers = stub.answers.pop(0) if len(stub.answers) > 1 else stub.answers[0]
                payload = json.dumps(answer if answer is not None else {"accepted": len(body)}).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def ids(self):
        return [event["id"] for request in self.requests for event in request["events"]]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
