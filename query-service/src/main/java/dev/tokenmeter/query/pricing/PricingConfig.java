package dev.tokenmeter.query.pricing;

import dev.tokenmeter.pricing.PriceCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in catalog the query service prices with, the same file the ingest service uses. */
@Configuration(proxyBeanMethods = false)
class PricingConfig {

    @Bean
    PriceCatalog priceCatalog() {
        return PriceCatalog.builtIn();
    }
}
