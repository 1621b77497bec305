package dev.tokenmeter.ingest;

import dev.tokenmeter.event.EventLimits;
import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.pricing.PriceCatalog;
import dev.tokenmeter.time.ServiceClock;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The ingest service: Kafka and HTTP in, validated and priced events with rollups out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceClock.class)
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }

    @Bean
    EventReader eventReader(IngestSettings settings, Clock clock) {
        return new EventReader(new EventLimits(settings.lateWindow(), settings.futureSkew(),
                (int) settings.maxRecordSize().toBytes(), settings.backlogGrace()), clock);
    }

    @Bean
    PriceCatalog priceCatalog() {
        return PriceCatalog.builtIn();
    }
}
