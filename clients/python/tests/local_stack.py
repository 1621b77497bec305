"""The running product, as the Java ClientsIT hands it over: ingest URL and key, query URL and key."""

import json
import os
import socket
import threading
import time
import urllib.parse
import urllib.request

INGEST_URL, INGEST_KEY, TENANT, QUERY_URL, QUERY_KEY = (os.environ.get(name) for name in (
    "TOKENMETER_INGEST_URL", "TOKENMETER_INGEST_KEY", "TOKENMETER_TENANT", "TOKENMETER_QUERY_URL", "TOKENMETER_QUERY_KEY"))
AVAILABLE = all((INGEST_URL, INGEST_KEY, TENANT, QUERY_URL, QUERY_KEY))
REASON = "set TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY, TOKENMETER_TENANT, TOKENMETER_QUERY_URL, TOKENMETER_QUERY_KEY"


def query(path, **params):
    """GET /api/v1/<path> for the tenant, with the operator key."""
    params = {"tenant": TENANT, "range": "all", **params}
    url = f"{QUERY_URL.rstrip('/')}/api/v1/{path}?{urllib.parse.urlencode(params, doseq=True)}"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {QUERY_KEY}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def await_summary(project, requests, timeout=90):
    """The project's summary once it counts `requests` requests (fails after timeout seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        summary = query("usage/summary", project=project)
        if summary["requests"] >= requests or time.monotonic() > deadline:
            return summary
        time.sleep(0.5)


class FlakyProxy:
    """A TCP proxy in front of ingest that can play dead: while down it accepts and at once closes
    every connection (what a client sees of a crashed or restarting service), counting them."""

    def __init__(self, target_url):
        target = urllib.parse.urlsplit(target_url)
        self.target = (target.hostname, target.port)
        self.up, self.refused = True, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                self.refused += 1
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.listener.close()
