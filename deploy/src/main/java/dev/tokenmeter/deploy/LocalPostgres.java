package dev.tokenmeter.deploy;

import dev.tokenmeter.database.AppRoles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A real PostgreSQL from the binaries in a Maven jar (zonky), its cluster in {@code <data-dir>/postgres}
 * and kept across restarts. Its server log is {@code <data-dir>/logs/postgres.log}.
 */
public final class LocalPostgres implements Components.Part {

    public static final String DATABASE = "tokenmeter";
    // zonky's initdb creates this superuser with "trust" authentication on localhost.
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /**
     * The services' logins, members of the group role {@code tokenmeter_app} that the V13 migration grants
     * read and write on every table and no DDL; the superuser above runs the migrations. The password is
     * fixed: the cluster listens on localhost only and trusts local connections.
     */
    public static final String INGEST_USER = "tokenmeter_ingest";
    public static final String QUERY_USER = "tokenmeter_query";
    public static final String SERVICE_PASSWORD = "tokenmeter-local";

    private final EmbeddedPostgres postgres;
    private final String version;

    private LocalPostgres(EmbeddedPostgres postgres, String version) {
        this.postgres = postgres;
        this.version = version;
    }

    /** Starts the server (first start: unpack and initdb) and creates the database when missing. */
    public static LocalPostgres start(DataDir dataDir, int port) throws StartupException {
        Path log = dataDir.logs().resolve("postgres.log");
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDir.postgresRuntime());
            Files.createDirectories(log.getParent());
            // zonky deletes stale directories in this one; it must never be the cluster's parent.
            System.setProperty("ot.epg.working-dir", dataDir.postgresRuntime().toString());
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dataDir.postgresRuntime().toFile())
                    .setDataDirectory(dataDir.postgres())
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // the launcher stops it, after Kafka and the services
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    // zonky tunes for throw-away test databases; these data are meant to survive.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException("PostgreSQL did not start: " + e.getMessage() + "\n" + LogTail.of(log, 20)
                    + "\nMore in " + dataDir.logs().resolve("launcher.log") + ". If the cluster is damaged, --fresh starts over.", e);
        }
        try {
            return new LocalPostgres(postgres, createDatabase(postgres.getPostgresDatabase()));
        } catch (SQLException e) {
            close(postgres);
            throw new StartupException("PostgreSQL started, but creating the database " + DATABASE + " failed: " + e.getMessage(), e);
        }
    }

    /** Creates the database when missing and answers the server's version, e.g. {@code 18.6}. */
    private static String createDatabase(DataSource admin) throws SQLException {
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            createRoles(statement);
            try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
                rs.next();
                return rs.getString(1).split(" ")[0];
            }
        }
    }

    /**
     * Creates the services' roles when missing (roles belong to the cluster, not the database). They must
     * exist before the services connect, and the group before its members, so the launcher makes them;
     * the V13 migration then grants the group its rights.
     */
    private static void createRoles(Statement statement) throws SQLException {
        statement.execute(AppRoles.createIfMissing(SERVICE_PASSWORD, INGEST_USER, QUERY_USER)); // constants only
    }

    public String version() {
        return version;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    /** {@code pg_ctl stop -m fast}: sessions are ended, the data is flushed. */
    @Override
    public void stop() {
        long start = System.nanoTime();
        Console.line("Stopping PostgreSQL ...");
        close(postgres);
        Console.line("PostgreSQL stopped (" + Console.seconds(Duration.ofNanos(System.nanoTime() - start)) + ")");
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            Console.error("Could not stop PostgreSQL cleanly: " + e.getMessage());
        }
    }
}
