package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsAreUlidsThatFitTheContractsIdRule() {
        String id = EventIds.next();

        assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}").matches("[A-Za-z0-9._:-]{1,128}");
    }

    @Test
    void theFirstTenCharactersEncodeTheMillisecond() {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-23T10:15:30.123Z"), ZoneOffset.UTC);

        String id = new EventIds(fixed, new SecureRandom()).generate();

        assertThat(decodeMillis(id.substring(0, 10))).isEqualTo(fixed.millis());
    }

    @Test
    void idsOfOneMillisecondAreStrictlyIncreasing() {
        EventIds ids = new EventIds(Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC), new SecureRandom());
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            generated.add(ids.generate());
        }

        assertThat(generated).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void laterIdsSortAfterEarlierOnesEvenWhenTheClockStepsBack() {
        AtomicLong millis = new AtomicLong(Instant.parse("2026-11-23T10:15:30Z").toEpochMilli());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
        EventIds ids = new EventIds(clock, new SecureRandom());
        List<String> generated = new ArrayList<>();
        for (long step : new long[] {0, 1, 1, -5, 0, 40, -1}) {
            millis.addAndGet(step);
            generated.add(ids.generate());
        }

        assertThat(generated).isSorted();
        assertThat(new HashSet<>(generated)).hasSize(generated.size());
    }

    private static long decodeMillis(String time) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        long value = 0;
        for (char c : time.toCharArray()) {
            value = value * 32 + alphabet.indexOf(c);
        }
        return value;
    }
}
