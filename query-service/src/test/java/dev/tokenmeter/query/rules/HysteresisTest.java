package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.rules.Hysteresis.State;
import dev.tokenmeter.query.rules.Hysteresis.Step;
import dev.tokenmeter.query.rules.Hysteresis.Transition;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HysteresisTest {

    static final RuleSpec.Usage ERROR_RATE = new RuleSpec.Usage(Duration.ofMinutes(15), Measure.ERROR_RATE, RuleSpec.Comparison.ABOVE,
            new BigDecimal("0.10"), new BigDecimal("0.05"), 1);

    @Test
    void aFlappingMeasureBetweenTheThresholdsFiresOnceAndResolvesOnlyBelowTheClearThreshold() {
        List<Transition> seen = run(ERROR_RATE, "0.02", "0.11", "0.09", "0.12", "0.06", "0.11", "0.05", "0.04", "0.2");
        assertThat(seen).containsExactly(Transition.NONE, Transition.FIRE, Transition.NONE, Transition.NONE, Transition.NONE,
                Transition.NONE, Transition.RESOLVE, Transition.NONE, Transition.FIRE);
    }

    @Test
    void theThresholdItselfDoesNotFireAboveRulesAndTheClearThresholdItselfResolves() {
        assertThat(run(ERROR_RATE, "0.10", "0.100001", "0.05")).containsExactly(Transition.NONE, Transition.FIRE, Transition.RESOLVE);
    }

    @Test
    void clearAfterNeedsThatManyConsecutiveEvaluationsPastTheClearThreshold() {
        RuleSpec.Usage spec = new RuleSpec.Usage(Duration.ofMinutes(5), Measure.P95_LATENCY_MS, RuleSpec.Comparison.ABOVE,
                new BigDecimal("2000"), new BigDecimal("2000"), 3);
        assertThat(run(spec, "2500", "1000", "1000", "2100", "1000", "1000", "1000"))
                .containsExactly(Transition.FIRE, Transition.NONE, Transition.NONE, Transition.NONE,
                        Transition.NONE, Transition.NONE, Transition.RESOLVE);
    }

    @Test
    void belowRulesFireWhenTheMeasureDropsUnderTheThresholdAndResolveAtOrAboveTheClearOne() {
        RuleSpec.Usage spec = new RuleSpec.Usage(Duration.ofHours(1), Measure.REQUESTS, RuleSpec.Comparison.BELOW,
                new BigDecimal("100"), new BigDecimal("150"), 1);
        assertThat(run(spec, "120", "99", "140", "150")).containsExactly(Transition.NONE, Transition.FIRE, Transition.NONE,
                Transition.RESOLVE);
    }

    @Test
    void nothingToMeasureLeavesTheStateAsItIs() {
        Step fired = Hysteresis.next(ERROR_RATE, State.QUIET, new BigDecimal("0.5"));
        Step none = Hysteresis.next(ERROR_RATE, fired.state(), null);
        assertThat(none.transition()).isEqualTo(Transition.NONE);
        assertThat(none.state().firing()).isTrue();
        assertThat(none.state().incident()).isEqualTo(1);
    }

    @Test
    void eachFiringStartsANewIncidentWhichItsResolvedNoticeCarries() {
        State state = State.QUIET;
        List<Integer> incidents = new ArrayList<>();
        for (String value : List.of("0.2", "0.0", "0.3", "0.0")) {
            Step step = Hysteresis.next(ERROR_RATE, state, new BigDecimal(value));
            state = step.state();
            incidents.add(state.incident());
        }
        assertThat(incidents).containsExactly(1, 1, 2, 2);
    }

    private static List<Transition> run(RuleSpec.Usage spec, String... values) {
        State state = State.QUIET;
        List<Transition> seen = new ArrayList<>();
        for (String value : values) {
            Step step = Hysteresis.next(spec, state, new BigDecimal(value));
            seen.add(step.transition());
            state = step.state();
        }
        return seen;
    }
}
