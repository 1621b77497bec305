package dev.tokenmeter.query.lease;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * A process that takes a lease, says {@code HOLDING} on its standard output and then waits to be
 * killed: the holder {@link LeaseIT} kills with {@code kill -9}.
 * Arguments: R2DBC URL, user, password, lease name.
 */
final class LeaseHolder {

    private LeaseHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        Lease lease = new Lease(connections(args[0], args[1], args[2]), new LeaseSettings(Duration.ofSeconds(30)));
        Boolean held = lease.tryRun(args[3], Mono.fromRunnable(() -> System.out.println("HOLDING"))).block();
        System.out.println(Boolean.TRUE.equals(held) ? "HELD" : "REFUSED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static ConnectionFactory connections(String url, String user, String password) {
        return ConnectionFactories.get(ConnectionFactoryOptions.parse(url).mutate()
                .option(ConnectionFactoryOptions.USER, user)
                .option(ConnectionFactoryOptions.PASSWORD, password)
                .build());
    }
}
