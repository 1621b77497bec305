package dev.tokenmeter.query.lease;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Leases ({@code tokenmeter.lease.*}).
 *
 * @param deadHolderTimeout how long PostgreSQL takes at most to notice a holder whose machine or network
 *                          vanished without closing its connection (TCP keepalives of the lease's session);
 *                          a holder whose process dies is noticed at once, its connection being closed
 */
@Validated
@ConfigurationProperties("tokenmeter.lease")
public record LeaseSettings(@DefaultValue("30s") @NotNull Duration deadHolderTimeout) {

    /** The session settings that make PostgreSQL notice a vanished holder within the timeout. */
    String keepalives() {
        long seconds = Math.max(6, deadHolderTimeout.toSeconds());
        return "SET tcp_keepalives_idle = " + seconds / 3 + "; SET tcp_keepalives_interval = " + seconds / 6
                + "; SET tcp_keepalives_count = 4";
    }
}
