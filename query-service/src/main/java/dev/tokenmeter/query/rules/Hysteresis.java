package dev.tokenmeter.query.rules;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A usage rule's state machine. Quiet → firing when the measure crosses the threshold (one "fired"
 * notice); firing → quiet only after {@code clearAfter} consecutive evaluations with the measure back
 * past the clear threshold (one "resolved" notice). Between the two thresholds nothing changes, so a
 * measure that flaps around the threshold notifies once. An evaluation with nothing to measure
 * (no requests for a rate) leaves the state as it is.
 */
final class Hysteresis {

    private Hysteresis() {
    }

    /**
     * @param incident    how many times the rule fired; the current incident while firing
     * @param clearStreak consecutive evaluations past the clear threshold while firing
     */
    record State(boolean firing, int incident, int clearStreak, @Nullable BigDecimal lastValue) {

        static final State QUIET = new State(false, 0, 0, null);
    }

    enum Transition {
        NONE, FIRE, RESOLVE
    }

    record Step(State state, Transition transition) {
    }

    static Step next(RuleSpec.Usage spec, State state, @Nullable BigDecimal value) {
        if (value == null) {
            return new Step(new State(state.firing(), state.incident(), state.clearStreak(), null), Transition.NONE);
        }
        if (!state.firing()) {
            return spec.comparison().crosses(value, spec.threshold())
                    ? new Step(new State(true, state.incident() + 1, 0, value), Transition.FIRE)
                    : new Step(new State(false, state.incident(), 0, value), Transition.NONE);
        }
        if (!spec.comparison().cleared(value, spec.clearThreshold())) {
            return new Step(new State(true, state.incident(), 0, value), Transition.NONE);
        }
        int streak = state.clearStreak() + 1;
        return streak >= spec.clearAfter()
                ? new Step(new State(false, state.incident(), 0, value), Transition.RESOLVE)
                : new Step(new State(true, state.incident(), streak, value), Transition.NONE);
    }
}
