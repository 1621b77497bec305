"""Against the running product (real ingest, Kafka and PostgreSQL): what the wrapped clients record is
counted exactly by the query API. Run by the Java ClientsIT; skipped without its environment:

    TOKENMETER_INGEST_URL=http://localhost:8081 TOKENMETER_INGEST_KEY=... TOKENMETER_TENANT=demo \
    TOKENMETER_QUERY_URL=http://localhost:8080 TOKENMETER_QUERY_KEY=<operator key> python3 -m unittest test_stack

Projects are suffixed with a run id, so a second run against the same stack counts afresh.
"""

import asyncio
import os
import subprocess
import sys
import textwrap
import time
import unittest
import uuid

import tokenmeter
from fake_sdk import (APIStatusError, APITimeoutError, Anthropic, AsyncOpenAI, Genai, OpenAI, anthropic_stream,
                      fixture, gemini_answer, gemini_stream, openai_answer, openai_stream)
from local_stack import AVAILABLE, INGEST_KEY, INGEST_URL, REASON, FlakyProxy, await_summary, query
from test_publisher import SRC

RUN = os.environ.get("TOKENMETER_RUN_ID") or uuid.uuid4().hex[:8]
EXPECTED = {case["fixture"]: case for case in fixture("expected.json")["cases"]}
TOKENS = ("inputTokens", "cachedInputTokens", "cacheWriteTokens", "outputTokens", "reasoningTokens")


def totals(*usages):
    return {field: sum(u[field] for u in usages) for field in TOKENS}


@unittest.skipUnless(AVAILABLE, REASON)
class StackTest(unittest.TestCase):

    def assert_counted(self, project, requests, usage=None, errors=0, timeouts=0):
        summary = await_summary(project, requests)
        self.assertEqual((summary["requests"], summary["errors"], summary["timeouts"]), (requests, errors, timeouts), project)
        if usage is not None:
            self.assertEqual({field: summary[field] for field in TOKENS}, usage, project)

    def test_sync_calls_of_each_provider_are_counted_exactly(self):
        project = f"py-sync-{RUN}"
        openai, anthropic, genai = OpenAI(), Anthropic(), Genai()
        openai.script.answers += [("return", openai_answer("openai-chat-completion.json")),
                                  ("return", openai_answer("openai-response-cached-reasoning.json"))]
        anthropic.script.answers.append(("return", openai_answer("anthropic-message-cache-read.json")))
        genai.script.answers.append(("return", gemini_answer("gemini-thinking.json")))
        with tokenmeter.Publisher(INGEST_URL, INGEST_KEY) as publisher, tokenmeter.context(project=project, user="u_42"):
            tokenmeter.wrap(openai, publisher=publisher).chat.completions.create(model="gpt-4o-mini", messages=[])
            tokenmeter.wrap(openai, publisher=publisher).responses.create(model="gpt-5", input="hi")
            tokenmeter.wrap(anthropic, publisher=publisher).messages.create(model="claude", max_tokens=10, messages=[])
            tokenmeter.wrap(genai, publisher=publisher).models.generate_content(model="gemini-2.5-flash", contents="hi")
            self.assertTrue(publisher.flush(timeout=60))
        names = ["openai-chat-completion.json", "openai-response-cached-reasoning.json",
                 "anthropic-message-cache-read.json", "gemini-thinking.json"]
        self.assert_counted(project, 4, totals(*(EXPECTED[n]["usage"] for n in names)))

    def test_async_calls_through_the_asyncio_publisher_are_counted_exactly(self):
        project = f"py-async-{RUN}"

        async def calls():
            openai, genai = AsyncOpenAI(), Genai()
            openai.script.answers += [("return", openai_answer("openai-chat-completion-cached.json")),
                                      ("return", openai_answer("openai-chat-completion-reasoning.json"))]
            genai.script.answers.append(("return", gemini_answer("gemini-cached.json")))
            async with tokenmeter.AsyncPublisher(INGEST_URL, INGEST_KEY) as publisher:
                with tokenmeter.context(project=project):
                    client = tokenmeter.wrap(openai, publisher=publisher)
                    await asyncio.gather(client.chat.completions.create(model="gpt-4o", messages=[]),
                                         client.chat.completions.create(model="o4-mini", messages=[]))
                    await tokenmeter.wrap(genai, publisher=publisher).aio.models.generate_content(model="g", contents="x")
                self.assertTrue(await publisher.flush(timeout=60))

        asyncio.run(calls())
        names = ["openai-chat-completion-cached.json", "openai-chat-completion-reasoning.json", "gemini-cached.json"]
        self.assert_counted(project, 3, totals(*(EXPECTED[n]["usage"] for n in names)))

    def test_streams_are_counted_from_their_final_usage(self):
        project = f"py-stream-{RUN}"
        openai, anthropic, genai = OpenAI(), Anthropic(), Genai()
        openai.script.answers.append(("return", openai_stream))
        anthropic.script.answers.append(("return", anthropic_stream()))
        genai.script.answers.append(("return", gemini_stream()))
        with tokenmeter.Publisher(INGEST_URL, INGEST_KEY) as publisher, tokenmeter.context(project=project):
            for _ in tokenmeter.wrap(openai, publisher=publisher).chat.completions.create(
                    model="gpt-4o-mini", messages=[], stream=True):
                pass
            for _ in tokenmeter.wrap(anthropic, publisher=publisher).messages.create(
                    model="claude", max_tokens=10, messages=[], stream=True):
                pass
            for _ in tokenmeter.wrap(genai, publisher=publisher).models.generate_content_stream(model="g", contents="x"):
                pass
            self.assertTrue(publisher.flush(timeout=60))
        names = ["openai-chat-completion-stream.json", "anthropic-message-stream.json", "gemini-stream.json"]
        self.assert_counted(project, 3, totals(*(fixture("streams/" + n)["expected"]["usage"] for n in names)))

    def test_errors_and_timeouts_are_counted_with_their_status(self):
        project = f"py-failures-{RUN}"
        openai = OpenAI()
        openai.script.answers += [("raise", APIStatusError("Rate limit reached", 429)),
                                  ("raise", APIStatusError("The server had an error", 500)),
                                  ("raise", APITimeoutError("Request timed out."))]
        with tokenmeter.Publisher(INGEST_URL, INGEST_KEY) as publisher, tokenmeter.context(project=project):
            client = tokenmeter.wrap(openai, publisher=publisher)
            for _ in range(3):
                with self.assertRaises(Exception):
                    client.chat.completions.create(model="gpt-4o-mini", messages=[])
            self.assertTrue(publisher.flush(timeout=60))
        self.assert_counted(project, 3, errors=2, timeouts=1)
        kinds = {row["key"] for row in query("usage/breakdown", by="status", project=project)["rows"]}
        self.assertEqual(kinds, {"error", "timeout"})

    def test_what_is_queued_at_exit_is_delivered_by_the_default_publisher(self):
        project = f"py-exit-{RUN}"
        script = textwrap.dedent(f"""
            import tokenmeter
            from fake_sdk import OpenAI, openai_answer
            sdk = OpenAI()
            sdk.script.answers += [("return", openai_answer("openai-chat-completion.json"))] * 2
            client = tokenmeter.wrap(sdk)  # the default publisher: TOKENMETER_INGEST_URL / _KEY
            with tokenmeter.context(project={project!r}):
                client.chat.completions.create(model="gpt-4o-mini", messages=[])
                client.chat.completions.create(model="gpt-4o-mini", messages=[])
            # the process ends here: no flush, no close
        """)
        tests = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([sys.executable, "-c", script], check=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": os.pathsep.join([tests, os.environ.get("PYTHONPATH", "")])})
        usage = EXPECTED["openai-chat-completion.json"]["usage"]
        self.assert_counted(project, 2, totals(usage, usage))

    def test_while_ingest_is_down_the_queue_keeps_the_newest_events_and_delivers_them_when_it_is_back(self):
        project = f"py-outage-{RUN}"
        proxy = FlakyProxy(INGEST_URL)
        openai = OpenAI()
        openai.script.answers += [("return", openai_answer("openai-chat-completion.json"))] * 8
        try:
            publisher = tokenmeter.Publisher(proxy.url, INGEST_KEY, max_queue=5, flush_interval=3600,
                                             min_backoff=0.05, max_backoff=0.2)
            proxy.up = False
            client = tokenmeter.wrap(openai, publisher=publisher)
            with tokenmeter.context(project=project):
                for i in range(8):
                    with tokenmeter.context(user=f"u{i}"):
                        client.chat.completions.create(model="gpt-4o-mini", messages=[])  # the caller never notices
            self.assertEqual(publisher.stats().dropped, 3)
            self.assertFalse(publisher.flush(timeout=1))  # retrying, not delivered
            self.assertGreaterEqual(proxy.refused, 2)
            proxy.up = True
            self.assertTrue(publisher.flush(timeout=30))
            self.assertEqual(publisher.stats().delivered, 5)
            publisher.close()
        finally:
            proxy.close()
        usage = EXPECTED["openai-chat-completion.json"]["usage"]
        self.assert_counted(project, 5, totals(*[usage] * 5))
        users = sorted(row["key"] for row in query("usage/breakdown", by="user", project=project)["rows"])
        self.assertEqual(users, ["u3", "u4", "u5", "u6", "u7"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
