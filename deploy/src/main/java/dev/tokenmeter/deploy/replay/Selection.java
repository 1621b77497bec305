package dev.tokenmeter.deploy.replay;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which letters to replay: every filter given must match (values of one filter are alternatives).
 *
 * @param reasons {@code x-error-reason} values; empty means any
 * @param tenants the value's tenant; empty means any. A letter naming no tenant matches only "any", except a
 *                truncated one, whose tenant is cut off: it is selected, to be reported as skipped
 * @param since   letters dead-lettered at or after this instant, or null
 * @param until   letters dead-lettered before this instant, or null
 */
record Selection(Set<String> reasons, Set<String> tenants, @Nullable Instant since, @Nullable Instant until) {

    static final Selection ALL = new Selection(Set.of(), Set.of(), null, null);

    boolean test(Letter letter) {
        if (!reasons.isEmpty() && !reasons.contains(letter.reason())) {
            return false;
        }
        if (since != null && letter.time().isBefore(since)) {
            return false;
        }
        if (until != null && !letter.time().isBefore(until)) {
            return false;
        }
        if (tenants.isEmpty()) {
            return true;
        }
        String tenant = letter.tenant();
        if (tenant == null && letter.truncatedFrom() != null) {
            return true; // its tenant is cut off: report it as skipped rather than leave it out unseen
        }
        return tenant != null && tenants.contains(tenant);
    }
}
