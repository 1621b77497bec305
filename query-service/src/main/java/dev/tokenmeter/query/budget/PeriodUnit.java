package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.range.BucketUnit;
import java.util.Locale;

/** How long a budget's period is: a local day, an ISO week (from Monday) or a calendar month. */
enum PeriodUnit {
    DAY(BucketUnit.DAY), WEEK(BucketUnit.WEEK), MONTH(BucketUnit.MONTH);

    private final BucketUnit bucket;

    PeriodUnit(BucketUnit bucket) {
        this.bucket = bucket;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    BucketUnit bucket() {
        return bucket;
    }

    static PeriodUnit fromCode(String code) {
        for (PeriodUnit unit : values()) {
            if (unit.code().equals(code)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("No period '" + code + "'");
    }
}
