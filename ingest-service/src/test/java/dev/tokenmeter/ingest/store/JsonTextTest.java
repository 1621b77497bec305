package dev.tokenmeter.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class JsonTextTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void tagsAndUnitsAreWrittenAsJsonThatReadsBackAsTheSameMap() {
        Random random = new Random(11);
        StringBuilder scratch = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            Map<String, String> tags = new TreeMap<>();
            for (int t = random.nextInt(5); t > 0; t--) {
                tags.put(text(random), text(random));
            }
            assertThat(JSON.readValue(JsonText.object(scratch, tags).toString(), new TypeReference<Map<String, String>>() {
            })).isEqualTo(tags);
            Map<String, Long> units = new TreeMap<>(Map.of("images", random.nextLong() & Long.MAX_VALUE, "webSearches", 0L));
            assertThat(JSON.readValue(JsonText.object(scratch, units).toString(), new TypeReference<Map<String, Long>>() {
            })).isEqualTo(units);
        }
        assertThat(JsonText.object(scratch, Map.of()).toString()).isEqualTo("{}");
        assertThat(JsonText.object(scratch, Map.of("team", "a\tb")).toString()).isEqualTo("{\"team\":\"a\\tb\"}");
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> String.valueOf((char) (1 + random.nextInt(0x1f)));
                case 1 -> "\"\\/";
                case 2 -> "é日😀";
                case 3 -> "\u2028\u007f";
                default -> String.valueOf((char) ('a' + random.nextInt(26)));
            });
        }
        return text.toString();
    }
}
