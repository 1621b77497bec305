"""Runs send_usage.py, the README's Python example, with the OpenAI SDK stood in by an object shaped
like it (the SDK cannot be installed here) and Tokenmeter's ingest from the environment.

Against the running product when TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT
are set (the Java ExamplesIT then finds the two calls in the summary); skipped otherwise.
"""

import json
import os
import pathlib
import sys
import types
import unittest

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
URL, KEY, TENANT = (os.environ.get(name) for name in
                    ("TOKENMETER_INGEST_URL", "TOKENMETER_INGEST_KEY", "TOKENMETER_TENANT"))


class _Model(dict):
    """A response as the SDK's pydantic models expose it: attributes and model_dump()."""

    def __getattr__(self, name):
        value = self.get(name)
        return _Model(value) if isinstance(value, dict) else [_Model(v) for v in value] if isinstance(value, list) else value

    def model_dump(self):
        return json.loads(json.dumps(self))


class _OpenAI:
    def __init__(self):
        body = json.loads((FIXTURES / "openai-chat-completion.json").read_text(encoding="utf-8"))
        create = lambda **kwargs: _Model(body)  # noqa: E731
        self.chat = types.SimpleNamespace(completions=types.SimpleNamespace(create=create))
        self.responses = types.SimpleNamespace(create=create)


@unittest.skipUnless(URL and KEY and TENANT, "set TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT")
class SendUsageTest(unittest.TestCase):

    def test_the_readme_example_meters_each_call(self):
        sys.modules["openai"] = types.SimpleNamespace(OpenAI=_OpenAI)
        import send_usage
        import tokenmeter

        self.assertEqual(send_usage.answer("Where is my order?", "u_42"),
                         "Your order #4417 shipped on Tuesday and should arrive by Friday.")
        send_usage.answer("And the invoice?", "u_43")
        publisher = tokenmeter.default_publisher()
        self.assertTrue(publisher.flush(timeout=60))
        self.assertEqual(publisher.stats().delivered, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
