package dev.tokenmeter.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PassFiguresTest {

    private static final PassFigures FIGURES = new PassFigures(7000, 7100, 70.5, 300, 650, null, 6185.0, 68, 7353,
            Map.of("PostgreSQL", 0.34), "CPU (running) 0.79", 469_000_000L, 47.1, 50.7);

    @Test
    void theMainPassIsWrittenAsOneFlatObjectWithItsRecordsAndBaselines() {
        Map<?, ?> json = JsonMapper.builder().build().readValue(
                JsonMapper.builder().build()
                        .writeValueAsString(new PassFigures.WithBaselines(500_000, 475_000, FIGURES, 422, 4236, 59_184)),
                Map.class);

        assertThat(json.keySet().stream().map(String::valueOf).toList()).containsExactly("records", "unique", "ingestEventsPerSecond",
                "ingestSteadyEventsPerSecond", "ingestSeconds", "peakHeapMb", "peakRssMb", "batchLatencyP50Ms", "batchLatencyP99Ms",
                "batches", "meanBatchSize", "cores", "dbWaits", "walBytes", "serviceCpuMicrosPerEvent", "postgresCpuMicrosPerEvent",
                "naiveEventsPerSecond", "naiveRecords", "copyRowsPerSecond");
        assertThat(json.get("postgresCpuMicrosPerEvent")).isEqualTo(50.7);
        assertThat(json.get("batchLatencyP50Ms")).isNull();
    }

    @Test
    void theComparedPassIsWrittenWithItsEnvironmentFirst() {
        Map<?, ?> json = JsonMapper.builder().build().readValue(
                JsonMapper.builder().build()
                        .writeValueAsString(new PassFigures.Compared(Map.of("TOKENMETER_INGEST_WRITERS", "2"), FIGURES)),
                Map.class);

        assertThat(json.get("env")).isEqualTo(Map.of("TOKENMETER_INGEST_WRITERS", "2"));
        assertThat(json.get("walBytes")).isEqualTo(469_000_000);
    }
}
