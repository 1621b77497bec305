package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import org.junit.jupiter.api.Test;

class ResponseLimitsTest {

    final ResponseLimits limits = new ResponseLimits(20_000, 1000, 10_000);

    @Test
    void aGroupedTimelineOverThePointBudgetSaysWhatToNarrow() {
        assertThatThrownBy(() -> limits.checkTimeline(10_000, true, 50))
                .isInstanceOf(BadParameter.class)
                .hasMessage("timeline would have 10000 buckets × 52 series = 520000 points, over the limit of 20000: "
                        + "use a coarser bucket, a shorter range or a smaller top")
                .extracting(e -> ((BadParameter) e).parameter()).isEqualTo("top");
    }

    @Test
    void anUngroupedTimelineCountsOneSeries() {
        assertThatCode(() -> limits.checkTimeline(10_000, false, 10)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ResponseLimits(5000, 1000, 10_000).checkTimeline(5001, false, 10))
                .hasMessageContaining("5001 buckets × 1 series = 5001 points")
                .extracting(e -> ((BadParameter) e).parameter()).isEqualTo("bucket");
    }

    @Test
    void thePreviousPeriodCountsAsOneMoreSeries() {
        assertThatCode(() -> limits.checkTimeline(20_000, false, 10, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkTimeline(20_000, false, 10, true))
                .hasMessageContaining("20000 buckets × 2 series = 40000 points")
                .extracting(e -> ((BadParameter) e).parameter()).isEqualTo("bucket");
        assertThatThrownBy(() -> limits.checkTimeline(384, true, 50, true)).isInstanceOf(BadParameter.class); // 20 352
    }

    @Test
    void aTimelineExactlyAtTheBudgetIsAllowed() {
        assertThatCode(() -> limits.checkTimeline(384, true, 50)).doesNotThrowAnyException(); // 19 968 points
        assertThatThrownBy(() -> limits.checkTimeline(385, true, 50)).isInstanceOf(BadParameter.class); // 20 020
    }

    @Test
    void breakdownRowsAndValuesOverTheirLimitsAreRefused() {
        assertThatCode(() -> limits.checkBreakdownRows(1000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkBreakdownRows(1001)).hasMessageContaining("over the limit of 1000");
        assertThatCode(() -> limits.checkValues(10_000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkValues(10_001)).hasMessageContaining("over the limit of 10000");
    }
}
