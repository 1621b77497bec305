package dev.tokenmeter.deploy;

import dev.tokenmeter.keys.SecretHash;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Makes the demo tenant's dashboard key valid: stores its hash in the query service's key table,
 * as {@code POST /api/v1/keys} would, once (the secret itself stays in the data directory).
 */
final class DemoViewerKey {

    private DemoViewerKey() {
    }

    static void ensure(LocalPostgres postgres, Keys keys) throws StartupException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
                var insert = connection.prepareStatement("""
                        INSERT INTO api_key (id, tenant, role, name, secret_hash)
                        VALUES (?, ?, 'viewer', 'demo dashboard (deploy/local/start)', ?)
                        ON CONFLICT DO NOTHING""")) {
            insert.setString(1, keys.demoViewerId());
            insert.setString(2, Keys.DEMO_TENANT);
            insert.setBytes(3, SecretHash.of(keys.demoViewer()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StartupException("Cannot store the demo viewer key in " + postgres.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
