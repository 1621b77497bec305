package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.range.BucketUnit;
import dev.tokenmeter.wire.LowerCaseCode;
import dev.tokenmeter.wire.WireNames;

/** How long a budget's period is: a local day, an ISO week (from Monday) or a calendar month. */
enum PeriodUnit implements LowerCaseCode {
    DAY, WEEK, MONTH;

    /** The timeline bucket of the same name: a period is one such bucket. */
    BucketUnit bucket() {
        return BucketUnit.valueOf(name());
    }

    static PeriodUnit fromCode(String code) {
        return WireNames.find(values(), PeriodUnit::code, code)
                .orElseThrow(() -> new IllegalArgumentException("No period '" + code + "'"));
    }
}
