package dev.tokenmeter.pricing;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A catalog rule naming the priced model behind other names a provider accepts for it: dated
 * snapshots ({@code gpt-4o-2024-08-06}, {@code claude-sonnet-4-5-20250929}), {@code -latest}
 * pointers, platform suffixes. The pattern must match the whole (lower-cased) model name; the
 * target may refer to its groups as {@code $1}. Rules live in the catalog, never in code, so a
 * snapshot priced differently from its family (such as {@code gpt-4o-2024-05-13}) is simply not
 * covered by a rule.
 *
 * @param provider the provider whose model names the rule reads (lower case)
 * @param pattern  a regular expression over the lower-cased model name
 * @param target   the catalog model it stands for, possibly with {@code $n} group references
 */
public record ModelAlias(String provider, Pattern pattern, String target) {

    public ModelAlias {
        Objects.requireNonNull(target, "target");
        provider = provider.toLowerCase(Locale.ROOT);
    }

    public static ModelAlias of(String provider, String regex, String target) {
        return new ModelAlias(provider, Pattern.compile(regex), target);
    }

    /** The catalog model {@code model} stands for under this rule, or null when the rule does not apply. */
    public @Nullable String resolve(String provider, String model) {
        if (!this.provider.equals(provider.toLowerCase(Locale.ROOT))) {
            return null;
        }
        Matcher matcher = pattern.matcher(model.toLowerCase(Locale.ROOT));
        return matcher.matches() ? matcher.replaceFirst(target) : null;
    }
}
