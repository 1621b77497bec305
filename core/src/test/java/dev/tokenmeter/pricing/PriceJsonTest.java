package dev.tokenmeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.event.ServiceTier;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceJsonTest {

    @Test
    void serviceTiersAreWrittenWithTheirPricesInTheCatalogsOrderAndReadBackExactly() {
        Map<ServiceTier, Price.TierPrice> tiers = new EnumMap<>(ServiceTier.class);
        tiers.put(ServiceTier.BATCH, Price.TierPrice.multiplier(new BigDecimal("0.5")));
        tiers.put(ServiceTier.PRIORITY, new Price.TierPrice(null, new BigDecimal("4.25"), new BigDecimal("17"),
                new BigDecimal("2.125"), null, new BigDecimal("17.50")));

        String json = PriceJson.write(tiers);

        assertThat(json).isEqualTo("{\"batch\":{\"multiplier\":0.5},"
                + "\"priority\":{\"input\":4.25,\"cachedInput\":2.125,\"output\":17,\"reasoning\":17.50}}");
        assertThat(PriceJson.serviceTiers(json)).isEqualTo(tiers);
    }

    @Test
    void unitsAreWrittenAsExactDecimalsInTheMapsOrderAndReadBack() {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        units.put("webSearches", new BigDecimal("0.010"));
        units.put("images.1024x1024.standard", new BigDecimal("0.04"));

        String json = PriceJson.writeUnits(units);

        assertThat(json).isEqualTo("{\"webSearches\":0.010,\"images.1024x1024.standard\":0.04}");
        assertThat(PriceJson.units(json)).isEqualTo(units);
    }

    @Test
    void noTiersAndNoUnitsAreWrittenAsNull() {
        assertThat(PriceJson.write(Map.of())).isNull();
        assertThat(PriceJson.writeUnits(Map.of())).isNull();
        assertThat(PriceJson.serviceTiers(null)).isEmpty();
    }
}
