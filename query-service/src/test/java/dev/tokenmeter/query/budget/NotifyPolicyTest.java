package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.range.BucketUnit;
import org.junit.jupiter.api.Test;

class NotifyPolicyTest {

    @Test
    void aPolicyIsCamelCaseInTheApiAndSnakeCaseInItsColumn() {
        assertThat(NotifyPolicy.PER_THRESHOLD.param()).isEqualTo("perThreshold");
        assertThat(NotifyPolicy.PER_THRESHOLD.column()).isEqualTo("per_threshold");
        assertThat(NotifyPolicy.DAILY.param()).isEqualTo("daily");
        assertThat(NotifyPolicy.DAILY.column()).isEqualTo("daily");
        assertThat(NotifyPolicy.fromParam("perThreshold")).isEqualTo(NotifyPolicy.PER_THRESHOLD);
        assertThat(NotifyPolicy.fromColumn("per_threshold")).isEqualTo(NotifyPolicy.PER_THRESHOLD);
        assertThatThrownBy(() -> NotifyPolicy.fromParam("per_threshold")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyBudgetPeriodIsOneBucketOfTheSameUnit() {
        assertThat(PeriodUnit.DAY.bucket()).isEqualTo(BucketUnit.DAY);
        assertThat(PeriodUnit.WEEK.bucket()).isEqualTo(BucketUnit.WEEK);
        assertThat(PeriodUnit.MONTH.bucket()).isEqualTo(BucketUnit.MONTH);
    }
}
