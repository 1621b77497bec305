package dev.tokenmeter.query.usage;

import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/** SQL text with positional parameters ($1, $2, ...): values are always bound, never spliced in. */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    /** Binds a value and answers its placeholder. */
    public String bind(Object value) {
        args.add(value);
        return "$" + args.size();
    }

    public Sql append(String fragment) {
        text.append(fragment);
        return this;
    }

    public String text() {
        return text.toString();
    }

    public DatabaseClient.GenericExecuteSpec on(DatabaseClient db) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(text.toString());
        for (int i = 0; i < args.size(); i++) {
            spec = spec.bind(i, args.get(i));
        }
        return spec;
    }
}
