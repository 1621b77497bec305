package dev.tokenmeter.query.access;

import java.util.Locale;

/** What a key may do. */
public enum Role {
    /** From configuration: manages every tenant's keys and reads any tenant it names. */
    OPERATOR,
    /** Reads its tenant and manages its keys, prices and budgets. */
    ADMIN,
    /** Reads its tenant. */
    VIEWER,
    /** Publishes events through HTTP ingest; reads nothing. */
    INGEST;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canRead() {
        return this != INGEST;
    }

    /** Whether the role manages its tenant's keys, prices and budgets. */
    public boolean canManage() {
        return this == ADMIN || this == OPERATOR;
    }

    /**
     * The role of a lower-case code such as {@code viewer}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Role fromCode(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("No role '" + code + "'");
    }
}
