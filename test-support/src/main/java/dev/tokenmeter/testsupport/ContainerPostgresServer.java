package dev.tokenmeter.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL 18 in a Docker container (Testcontainers), used where a Docker engine answers.
 *
 * <p>An outage is simulated by pausing the container, not stopping it: a stopped container would
 * come back on a different host port, and the tests' URLs would go stale. A paused container still
 * accepts TCP connections (Docker's port proxy and the container's kernel answer) but never replies,
 * so during {@link #stop()} connection attempts and open connections <em>hang</em> until the client's
 * own timeout fires (pgjdbc: {@code loginTimeout}, {@code socketTimeout}); they are not refused.
 */
final class ContainerPostgresServer implements PostgresServer {

    private final PostgreSQLContainer container = new PostgreSQLContainer("postgres:18")
            .withUsername("postgres")
            .withPassword("postgres")
            // Several Spring contexts, each with its own pools, share this one server.
            .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
    private boolean paused;

    ContainerPostgresServer() {
        container.start();
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public synchronized void stop() {
        if (!paused) {
            DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
            paused = true;
        }
    }

    @Override
    public synchronized void start() {
        if (paused) {
            DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
            paused = false;
        }
    }

    @Override
    public synchronized void close() {
        container.stop();
    }
}
