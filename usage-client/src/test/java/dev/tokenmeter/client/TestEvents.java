package dev.tokenmeter.client;

import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;

/** Small valid events for publisher tests. */
final class TestEvents {

    private TestEvents() {
    }

    static UsageEvent event(String tenant, String id) {
        return UsageEventBuilder.forTenant(tenant)
                .id(id)
                .provider("openai").model("gpt-4o-mini").endpoint("chat.completions")
                .usage(new Usage(1200, 1000, 0, 300, 0))
                .build();
    }
}
