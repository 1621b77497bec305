package dev.tokenmeter.query.log;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.range.RangeParser;
import dev.tokenmeter.query.range.TimeRange;
import dev.tokenmeter.query.usage.Filters;
import dev.tokenmeter.query.usage.Sql;
import dev.tokenmeter.query.web.Params;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/** The events a request to the log, the errors or the export reads: the tenant's, in the range, under the filters. */
record Selection(String tenant, TimeRange range, Filters filters) {

    /**
     * The request's selection; its parameters are checked first: one that is neither common to the usage endpoints
     * nor {@code accepted} is a 400.
     */
    static Selection of(MultiValueMap<String, String> params, Set<String> accepted, Caller caller, RangeParser ranges) {
        Params.check(params, accepted);
        return new Selection(caller.requireTenant(), ranges.parse(params), Filters.from(params));
    }

    /** {@code SELECT <select> FROM usage_event WHERE} the tenant, the range and the filters. */
    Sql select(String select) {
        Sql sql = new Sql();
        sql.append("SELECT " + select + " FROM usage_event WHERE tenant = " + sql.bind(tenant)
                + " AND event_time >= " + sql.bind(range.from()) + " AND event_time < " + sql.bind(range.to()));
        filters.appendTo(sql);
        return sql;
    }
}
