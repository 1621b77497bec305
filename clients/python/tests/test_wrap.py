"""wrap(): every call of a wrapped client becomes one usage event; the caller sees the SDK unchanged."""

import asyncio
import unittest

import tokenmeter
from fake_sdk import (APIStatusError, APITimeoutError, Anthropic, AsyncOpenAI, Genai, OpenAI, anthropic_stream,
                      fixture, gemini_answer, gemini_stream, openai_answer, openai_stream)

EXPECTED = {case["fixture"]: case for case in fixture("expected.json")["cases"]}


class Recording:
    """A publisher that keeps what it is given."""

    def __init__(self):
        self.events = []

    def publish(self, event):
        self.events.append(event)


class Broken:
    def publish(self, event):
        raise RuntimeError("publisher down")


class WrapTest(unittest.TestCase):

    def setUp(self):
        self.published = Recording()

    def assert_usage_of(self, event, name):
        expected = EXPECTED[name] if isinstance(name, str) else name
        self.assertEqual(event["usage"], expected["usage"])
        self.assertEqual(event["model"], expected["model"])
        self.assertEqual(event["provider"], expected["provider"])
        self.assertEqual(event["endpoint"], expected["endpoint"])

    def test_a_sync_openai_chat_completion_is_recorded_with_its_mapped_usage_and_returned_unchanged(self):
        sdk = OpenAI()
        sdk.script.answers.append(("return", openai_answer("openai-chat-completion-reasoning.json")))
        client = tokenmeter.wrap(sdk, publisher=self.published)
        answer = client.chat.completions.create(model="o4-mini", messages=[{"role": "user", "content": "hi"}])
        self.assertEqual(answer.id, EXPECTED["openai-chat-completion-reasoning.json"]["responseId"])
        [event] = self.published.events
        self.assert_usage_of(event, "openai-chat-completion-reasoning.json")
        self.assertEqual(event["status"], "success")
        self.assertGreaterEqual(event["latencyMs"], 0)
        self.assertNotIn("tenant", event)  # the ingest key decides
        self.assertEqual(client.api_key, "sk-test")  # everything else is the client's

    def test_an_openai_responses_call_is_recorded(self):
        sdk = OpenAI()
        sdk.script.answers.append(("return", openai_answer("openai-response-cached-reasoning.json")))
        tokenmeter.wrap(sdk, publisher=self.published).responses.create(model="gpt-5", input="hi")
        self.assert_usage_of(self.published.events[0], "openai-response-cached-reasoning.json")

    def test_a_stream_gets_include_usage_and_is_recorded_from_its_final_chunk_when_consumed(self):
        sdk = OpenAI()
        sdk.script.answers.append(("return", openai_stream))
        client = tokenmeter.wrap(sdk, publisher=self.published)
        with client.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True) as stream:
            text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        self.assertEqual(text, "Your order shipped on Tuesday.")
        self.assertEqual(sdk.script.calls[0]["stream_options"], {"include_usage": True})
        [event] = self.published.events
        self.assert_usage_of(event, fixture("streams/openai-chat-completion-stream.json")["expected"])

    def test_the_callers_own_stream_options_are_kept(self):
        sdk = OpenAI()
        sdk.script.answers.append(("return", openai_stream))
        client = tokenmeter.wrap(sdk, publisher=self.published)
        for _ in client.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True,
                                               stream_options={"include_usage": False}):
            pass
        self.assertEqual(sdk.script.calls[0]["stream_options"], {"include_usage": False})
        [event] = self.published.events
        self.assertEqual(event["usage"]["inputTokens"], 0)  # the caller turned usage off: nothing to count
        self.assertEqual(event["model"], "gpt-4o-mini-2024-07-18")

    def test_an_api_error_is_recorded_as_an_error_and_reraised(self):
        sdk = OpenAI()
        sdk.script.answers.append(("raise", APIStatusError("Rate limit reached for gpt-4o-mini", 429)))
        client = tokenmeter.wrap(sdk, publisher=self.published)
        with self.assertRaises(APIStatusError):
            client.chat.completions.create(model="gpt-4o-mini", messages=[])
        [event] = self.published.events
        self.assertEqual(event["status"], "error")
        self.assertEqual(event["error"], {"type": "http_429", "message": "Rate limit reached for gpt-4o-mini"})
        self.assertEqual(event["model"], "gpt-4o-mini")
        self.assertEqual(event["usage"]["inputTokens"], 0)

    def test_a_timeout_is_recorded_as_a_timeout(self):
        sdk = OpenAI()
        sdk.script.answers.append(("raise", APITimeoutError("Request timed out.")))
        with self.assertRaises(APITimeoutError):
            tokenmeter.wrap(sdk, publisher=self.published).chat.completions.create(model="gpt-4o-mini", messages=[])
        self.assertEqual(self.published.events[0]["status"], "timeout")
        self.assertEqual(self.published.events[0]["error"]["type"], "APITimeoutError")

    def test_a_failing_publisher_never_reaches_the_caller(self):
        sdk = OpenAI()
        sdk.script.answers.append(("return", openai_answer("openai-chat-completion.json")))
        with self.assertLogs("tokenmeter", "ERROR"):
            answer = tokenmeter.wrap(sdk, publisher=Broken()).chat.completions.create(model="gpt-4o-mini", messages=[])
        self.assertEqual(answer.model, "gpt-4o-mini-2024-07-18")

    def test_an_unexpected_response_shape_never_reaches_the_caller(self):
        sdk = OpenAI()
        sdk.script.answers.append(("return", {"object": "something else"}))
        with self.assertLogs("tokenmeter", "ERROR"):
            answer = tokenmeter.wrap(sdk, publisher=self.published).chat.completions.create(model="m", messages=[])
        self.assertEqual(answer, {"object": "something else"})

    def test_project_user_and_tags_come_from_the_context_and_nest(self):
        sdk = OpenAI()
        sdk.script.answers += [("return", openai_answer("openai-chat-completion.json"))] * 3
        client = tokenmeter.wrap(sdk, publisher=self.published, project="default-project", tags={"env": "test"})
        with tokenmeter.context(project="support-bot", user="u_42", api_key="key_live_7f3a", tags={"team": "a"}):
            with tokenmeter.context(user="u_43", tags={"feature": "refunds"}):
                client.chat.completions.create(model="gpt-4o-mini", messages=[])
            client.chat.completions.create(model="gpt-4o-mini", messages=[])
        client.chat.completions.create(model="gpt-4o-mini", messages=[])
        inner, outer, outside = self.published.events
        self.assertEqual((inner["project"], inner["user"], inner["apiKey"]), ("support-bot", "u_43", "key_live_7f3a"))
        self.assertEqual(inner["tags"], {"env": "test", "team": "a", "feature": "refunds"})
        self.assertEqual((outer["user"], outer["tags"]), ("u_42", {"env": "test", "team": "a"}))
        self.assertEqual((outside["project"], outside["tags"]), ("default-project", {"env": "test"}))
        self.assertNotIn("user", outside)

    def test_anthropic_messages_and_their_streams_are_recorded(self):
        sdk = Anthropic()
        sdk.script.answers += [("return", openai_answer("anthropic-message-cache-write.json")),
                               ("return", anthropic_stream())]
        client = tokenmeter.wrap(sdk, publisher=self.published)
        client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[])
        events = list(client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[], stream=True))
        self.assertEqual(events[-1].type, "message_stop")
        plain, streamed = self.published.events
        self.assert_usage_of(plain, "anthropic-message-cache-write.json")
        self.assert_usage_of(streamed, fixture("streams/anthropic-message-stream.json")["expected"])

    def test_gemini_calls_and_streams_are_recorded_from_the_sdks_snake_case_models(self):
        sdk = Genai()
        sdk.script.answers += [("return", gemini_answer("gemini-thinking.json")), ("return", gemini_stream())]
        client = tokenmeter.wrap(sdk, publisher=self.published)
        client.models.generate_content(model="gemini-2.5-flash", contents="hi")
        chunks = list(client.models.generate_content_stream(model="gemini-2.5-flash", contents="hi"))
        self.assertEqual(len(chunks), 2)
        plain, streamed = self.published.events
        self.assert_usage_of(plain, "gemini-thinking.json")
        self.assert_usage_of(streamed, fixture("streams/gemini-stream.json")["expected"])

    def test_a_stream_that_breaks_midway_is_recorded_as_an_error(self):
        def broken(kwargs):
            def chunks():
                yield next(openai_stream(kwargs))
                raise APIStatusError("upstream connection reset", 502)
            return chunks()
        sdk = OpenAI()
        sdk.script.answers.append(("return", broken))
        stream = tokenmeter.wrap(sdk, publisher=self.published).chat.completions.create(model="m", messages=[], stream=True)
        with self.assertRaises(APIStatusError):
            list(stream)
        self.assertEqual(self.published.events[0]["status"], "error")
        self.assertEqual(self.published.events[0]["error"]["type"], "http_502")


class AsyncWrapTest(unittest.IsolatedAsyncioTestCase):

    async def test_async_calls_streams_and_errors_are_recorded(self):
        published = Recording()
        sdk = AsyncOpenAI()
        sdk.script.answers += [("return", openai_answer("openai-chat-completion-cached.json")),
                               ("return", lambda kwargs: openai_stream(kwargs, asynchronous=True)),
                               ("raise", APITimeoutError("Request timed out."))]
        client = tokenmeter.wrap(sdk, publisher=published)
        answer = await client.chat.completions.create(model="gpt-4o", messages=[])
        self.assertEqual(answer.model, "gpt-4o-2024-08-06")
        stream = await client.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True)
        async for _ in stream:
            pass
        with self.assertRaises(APITimeoutError):
            await client.chat.completions.create(model="gpt-4o", messages=[])
        plain, streamed, timed_out = published.events
        self.assertEqual(plain["usage"], EXPECTED["openai-chat-completion-cached.json"]["usage"])
        self.assertEqual(streamed["usage"], fixture("streams/openai-chat-completion-stream.json")["expected"]["usage"])
        self.assertEqual(timed_out["status"], "timeout")

    async def test_gemini_aio_stream_is_recorded(self):
        published = Recording()
        sdk = Genai()
        sdk.script.answers.append(("return", gemini_stream(asynchronous=True)))
        stream = await tokenmeter.wrap(sdk, publisher=published).aio.models.generate_content_stream(model="g", contents="x")
        async for _ in stream:
            pass
        self.assertEqual(published.events[0]["usage"], fixture("streams/gemini-stream.json")["expected"]["usage"])

    async def test_each_task_sees_its_own_context(self):
        published = Recording()
        sdk = AsyncOpenAI()
        sdk.script.answers += [("return", openai_answer("openai-chat-completion.json"))] * 2
        client = tokenmeter.wrap(sdk, publisher=published)

        async def call_as(user):
            with tokenmeter.context(user=user):
                await asyncio.sleep(0.01)
                await client.chat.completions.create(model="gpt-4o-mini", messages=[])

        await asyncio.gather(call_as("alice"), call_as("bob"))
        self.assertEqual(sorted(e["user"] for e in published.events), ["alice", "bob"])


if __name__ == "__main__":
    unittest.main()
