package dev.tokenmeter.query.budget;

/** How often a budget notifies its channels. */
enum NotifyPolicy {
    /** Each threshold (and the forecast) once per period: the rule of the first version. */
    PER_THRESHOLD("perThreshold", "per_threshold"),
    /**
     * At most one notification per budget per 24 hours: the highest threshold crossed is sent, the
     * lower ones crossed with it are recorded as covered by it, and a threshold crossed within 24 h of
     * the last notification waits until the 24 h have passed (then it is sent if still crossed in the period).
     */
    DAILY("daily", "daily");

    private final String code;
    private final String column;

    NotifyPolicy(String code, String column) {
        this.code = code;
        this.column = column;
    }

    String code() {
        return code;
    }

    String column() {
        return column;
    }

    static NotifyPolicy fromColumn(String column) {
        for (NotifyPolicy policy : values()) {
            if (policy.column.equals(column)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("No notification policy '" + column + "'");
    }

    static NotifyPolicy fromCode(String code) {
        for (NotifyPolicy policy : values()) {
            if (policy.code.equals(code)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("No notification policy '" + code + "'");
    }
}
