package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.web.BadParameter;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/** The tenant a budget or alert request acts on, after refusing query parameters the endpoint does not know. */
final class QueryParams {

    private QueryParams() {
    }

    /** For reads: any key that reads its tenant. */
    static String reader(Caller caller, ServerWebExchange exchange, Set<String> known) {
        check(exchange, known);
        return caller.requireTenant();
    }

    /** For writes: an admin key, or the operator naming the tenant; 403 otherwise. */
    static String manager(Caller caller, ServerWebExchange exchange, Set<String> known) {
        caller.requireManager();
        return reader(caller, exchange, known);
    }

    private static void check(ServerWebExchange exchange, Set<String> known) {
        for (String name : exchange.getRequest().getQueryParams().keySet()) {
            if (!known.contains(name)) {
                throw new BadParameter(name, "is not a parameter of this endpoint");
            }
        }
    }
}
