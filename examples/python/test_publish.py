"""Against the running product: publishes one event per fixture through HTTP ingest.

Runs when TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT are set (the Java
ExamplesIT sets them and then checks the query API's summary); skipped otherwise:

    TOKENMETER_INGEST_URL=http://localhost:8081 TOKENMETER_INGEST_KEY=... TOKENMETER_TENANT=demo \
        python3 test_publish.py
"""

import os
import unittest

import tokenmeter as tm
from fixtures import cases, load, mapped

URL, KEY, TENANT = (os.environ.get(name) for name in
                    ("TOKENMETER_INGEST_URL", "TOKENMETER_INGEST_KEY", "TOKENMETER_TENANT"))


@unittest.skipUnless(URL and KEY and TENANT, "set TOKENMETER_INGEST_URL, TOKENMETER_INGEST_KEY and TOKENMETER_TENANT")
class PublishTest(unittest.TestCase):

    def test_one_event_per_fixture_is_accepted_and_a_republished_one_is_harmless(self):
        events = []
        with tm.Publisher(URL, KEY, max_batch=4) as publisher:
            for case in cases():
                event = tm.usage_event(TENANT, mapped(case), project="python-example",
                                       latencyMs=250, tags={"sdk": "python"})
                events.append(event)
                publisher.publish(event)
            publisher.publish(events[0])  # a retry after a lost answer: same id, counted once
            self.assertTrue(publisher.flush(timeout=60))
            self.assertEqual(publisher.stats().delivered, len(events) + 1)

    def test_an_event_of_another_tenant_is_counted_as_invalid_not_swallowed(self):
        call = tm.map_openai_chat_completion(load("openai-chat-completion.json"))
        with tm.Publisher(URL, KEY) as publisher:
            publisher.publish(tm.usage_event("someone-else", call))
            with self.assertLogs("tokenmeter", "WARNING") as logged:
                self.assertTrue(publisher.flush(timeout=60))
            self.assertEqual(publisher.stats().invalid, 1)
        self.assertIn("tenant_mismatch", "".join(logged.output))


if __name__ == "__main__":
    unittest.main(verbosity=2)
