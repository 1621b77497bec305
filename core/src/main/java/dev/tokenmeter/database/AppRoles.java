package dev.tokenmeter.database;

/**
 * The services' database roles: the group {@value #GROUP}, which the V13 migration grants read and write on every
 * table and no DDL, and the logins in it. Roles belong to the cluster, not the database, and must exist before the
 * services connect, so the launcher (or a deployer) makes them.
 */
public final class AppRoles {

    public static final String GROUP = "tokenmeter_app";

    private AppRoles() {
    }

    /**
     * A statement that creates the group and each login, with {@code password}, in it, where missing. The names
     * and the password are put in as they are: pass constants, never input.
     */
    public static String createIfMissing(String password, String... logins) {
        StringBuilder sql = new StringBuilder("DO $$\nBEGIN\n");
        sql.append(ifMissing(GROUP, "CREATE ROLE " + GROUP + " NOLOGIN;"));
        for (String login : logins) {
            sql.append(ifMissing(login, "CREATE ROLE " + login + " LOGIN PASSWORD '" + password + "' IN ROLE " + GROUP + ";"));
        }
        return sql.append("END\n$$").toString();
    }

    private static String ifMissing(String role, String create) {
        return "    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN\n        " + create
                + "\n    END IF;\n";
    }
}
