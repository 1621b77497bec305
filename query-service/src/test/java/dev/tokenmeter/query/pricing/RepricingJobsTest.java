package dev.tokenmeter.query.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepricingJobsTest {

    @Test
    void repriceRangesAreCutAtUtcMidnights() {
        var days = RepricingJobs.days(Instant.parse("2026-10-05T12:00:00Z"), Instant.parse("2026-10-07T06:00:00Z"));

        assertThat(days).hasSize(3);
        assertThat(days.get(0)).containsExactly(Instant.parse("2026-10-05T12:00:00Z"), Instant.parse("2026-10-06T00:00:00Z"));
        assertThat(days.get(1)).containsExactly(Instant.parse("2026-10-06T00:00:00Z"), Instant.parse("2026-10-07T00:00:00Z"));
        assertThat(days.get(2)).containsExactly(Instant.parse("2026-10-07T00:00:00Z"), Instant.parse("2026-10-07T06:00:00Z"));
    }

    @Test
    void aJobMayNotBeCalledStaleBeforeTwoHeartbeatsWereMissed() {
        assertThatThrownBy(() -> new RepricingSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stale-after");
        assertThat(new RepricingSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(1)).staleAfter())
                .isEqualTo(Duration.ofMinutes(1));
    }
}
