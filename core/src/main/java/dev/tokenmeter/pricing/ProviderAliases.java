package dev.tokenmeter.pricing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Other names of a provider (API.md §4): {@code google_ai} → {@code google}, {@code azure_openai} →
 * {@code openai}, and for a provider that hosts several makers' models ({@code bedrock}) the maker
 * named by the model id's prefix. Names are compared lower-cased. Only pricing reads this: events and
 * breakdowns keep the provider name as sent.
 *
 * @param names     alias → provider
 * @param byModelOf hosting provider (e.g. {@code aws.bedrock}) → its makers, by model id prefix
 */
public record ProviderAliases(Map<String, String> names, Map<String, List<Maker>> byModelOf) {

    /** A hosting provider's model ids of one maker: {@code anthropic.claude-…} → {@code anthropic}. */
    public record Maker(String prefix, String provider) {
    }

    /** Where a call is priced: the provider and the model name the prices use. */
    public record Resolved(String provider, @Nullable String model) {
    }

    public static final ProviderAliases NONE = new ProviderAliases(Map.of(), Map.of());

    /** Bedrock's cross-region inference profile prefix ({@code us.}, {@code eu.}, ...) and version suffix ({@code -v1:0}). */
    private static final Pattern HOSTED_MODEL = Pattern
            .compile("^(?:(?:us|eu|apac|us-gov|global|jp|au|ca)\\.)?(.+?)(?:-v\\d+(?::\\d+)?)?$");

    public ProviderAliases {
        Map<String, String> lower = new LinkedHashMap<>();
        names.forEach((alias, provider) -> lower.put(alias.toLowerCase(Locale.ROOT), provider.toLowerCase(Locale.ROOT)));
        names = Map.copyOf(lower);
        Map<String, List<Maker>> hosts = new LinkedHashMap<>();
        byModelOf.forEach((host, makers) -> hosts.put(host.toLowerCase(Locale.ROOT), List.copyOf(makers)));
        byModelOf = Map.copyOf(hosts);
    }

    /**
     * The provider and model a call of {@code provider} / {@code model} is priced as, or null when
     * no alias applies. A hosted model id loses its region prefix, maker prefix and version suffix:
     * {@code us.anthropic.claude-3-5-haiku-20241022-v1:0} → anthropic / {@code claude-3-5-haiku-20241022}.
     */
    public @Nullable Resolved resolve(String provider, @Nullable String model) {
        String name = provider.toLowerCase(Locale.ROOT);
        String target = names.get(name);
        if (target != null) {
            return new Resolved(target, model);
        }
        List<Maker> makers = byModelOf.get(name);
        if (makers == null || model == null) {
            return null;
        }
        Matcher hosted = HOSTED_MODEL.matcher(model.toLowerCase(Locale.ROOT));
        String id = hosted.matches() ? hosted.group(1) : model.toLowerCase(Locale.ROOT);
        for (Maker maker : makers) {
            if (id.startsWith(maker.prefix())) {
                return new Resolved(maker.provider(), id.substring(maker.prefix().length()));
            }
        }
        return null;
    }

    /** These aliases with {@code tenant}'s own on top (a tenant's name wins over a built-in one). */
    public ProviderAliases with(Map<String, String> tenant) {
        if (tenant.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(names);
        tenant.forEach((alias, provider) -> merged.put(alias.toLowerCase(Locale.ROOT), provider.toLowerCase(Locale.ROOT)));
        return new ProviderAliases(merged, byModelOf);
    }
}
