"""The provider mappings against the real response bodies in ../fixtures (shared with Java and TypeScript)."""

import unittest

import tokenmeter as tm
from fixtures import cases, load, mapped


class MappingTest(unittest.TestCase):

    def test_every_fixture_maps_to_the_expected_contract_fields(self):
        for case in cases():
            with self.subTest(case["fixture"]):
                call = mapped(case)
                self.assertEqual((call.provider, call.endpoint, call.model, call.response_id),
                                 (case["provider"], case["endpoint"], case["model"], case["responseId"]))
                self.assertEqual(call.usage.to_json(), case["usage"])

    def test_anthropic_input_adds_cache_reads_and_writes(self):
        body = load("anthropic-message-thinking.json")
        raw = body["usage"]
        usage = tm.map_anthropic_message(body).usage
        self.assertEqual(usage.input_tokens, raw["input_tokens"] + raw["cache_read_input_tokens"]
                         + raw["cache_creation_input_tokens"])
        self.assertEqual(usage.cached_input_tokens, raw["cache_read_input_tokens"])
        self.assertEqual(usage.cache_write_tokens, raw["cache_creation_input_tokens"])

    def test_gemini_thoughts_are_output_and_totals_add_up(self):
        for name in ("gemini-thinking.json", "gemini-cached.json", "gemini-tool-use.json"):
            with self.subTest(name):
                body = load(name)
                usage = tm.map_gemini_generate_content(body).usage
                self.assertEqual(usage.input_tokens + usage.output_tokens, body["usageMetadata"]["totalTokenCount"])

    def test_a_body_without_usage_is_refused_with_a_hint(self):
        with self.assertRaisesRegex(ValueError, "stream_options.include_usage"):
            tm.map_openai_chat_completion({"id": "chatcmpl-1", "object": "chat.completion.chunk", "choices": []})

    def test_a_count_that_is_not_a_non_negative_integer_is_refused(self):
        with self.assertRaisesRegex(ValueError, "input_tokens"):
            tm.map_anthropic_message({"usage": {"input_tokens": "12", "output_tokens": 3}})

    def test_events_carry_a_ulid_and_the_contract_fields(self):
        event = tm.usage_event("acme", tm.map_openai_response(load("openai-response-cached-reasoning.json")),
                               project="support-bot", latencyMs=812)
        self.assertRegex(event["id"], r"^[0-9A-HJKMNP-TV-Z]{26}$")
        self.assertRegex(event["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(event["usage"]["reasoningTokens"], 896)
        self.assertEqual((event["project"], event["latencyMs"], event["endpoint"]), ("support-bot", 812, "responses"))

    def test_ids_of_one_process_increase(self):
        ids = [tm.new_event_id() for _ in range(1000)]
        self.assertEqual(ids, sorted(ids))
        self.assertEqual(len(set(ids)), len(ids))


if __name__ == "__main__":
    unittest.main()
