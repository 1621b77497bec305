package dev.tokenmeter.query.rules;

import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The clock every application instance of these tests uses, settable by the test. Given explicitly as a
 * source (not a {@code @Configuration}), so that no component scan of another instance picks it up.
 */
class TestClock {

    static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-03T09:00:00Z"));

    @Bean
    @Primary
    SettableClock settableClock() {
        return CLOCK;
    }
}
