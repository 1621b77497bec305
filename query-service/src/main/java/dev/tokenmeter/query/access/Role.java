package dev.tokenmeter.query.access;

import dev.tokenmeter.wire.LowerCaseCode;
import dev.tokenmeter.wire.WireNames;

/** What a key may do. */
public enum Role implements LowerCaseCode {
    /** From configuration: manages every tenant's keys and reads any tenant it names. */
    OPERATOR,
    /** Reads its tenant and manages its keys, prices and budgets. */
    ADMIN,
    /** Reads its tenant. */
    VIEWER,
    /** Publishes events through HTTP ingest; reads nothing. */
    INGEST;

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
        return WireNames.find(values(), Role::code, code)
                .orElseThrow(() -> new IllegalArgumentException("No role '" + code + "'"));
    }
}
