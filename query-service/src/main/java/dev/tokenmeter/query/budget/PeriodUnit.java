package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.range.BucketUnit;
import dev.tokenmeter.wire.LowerCaseCode;
import dev.tokenmeter.wire.WireNames;

/** How long a budget's period is: a local day, an ISO week (from Monday) or a calendar month. */
enum PeriodUnit implements LowerCaseCode {
    DAY(BucketUnit.DAY), WEEK(BucketUnit.WEEK), MONTH(BucketUnit.MONTH);

    private final BucketUnit bucket;

    PeriodUnit(BucketUnit bucket) {
        this.bucket = bucket;
    }

    BucketUnit bucket() {
        return bucket;
    }

    static PeriodUnit fromCode(String code) {
        return WireNames.find(values(), PeriodUnit::code, code)
                .orElseThrow(() -> new IllegalArgumentException("No period '" + code + "'"));
    }
}
