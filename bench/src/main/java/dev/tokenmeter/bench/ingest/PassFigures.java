package dev.tokenmeter.bench.ingest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one pass of the ingest service as {@code report.json} keeps them, for the main pass and the A/B
 * pass alike; written by the report's JSON mapper, field by field in this order.
 */
record PassFigures(double ingestEventsPerSecond, double ingestSteadyEventsPerSecond, double ingestSeconds, double peakHeapMb,
        double peakRssMb, @Nullable Double batchLatencyP50Ms, @Nullable Double batchLatencyP99Ms, long batches, double meanBatchSize,
        Map<String, Double> cores, String dbWaits, long walBytes, double serviceCpuMicrosPerEvent, double postgresCpuMicrosPerEvent) {

    /** The main pass's figures with the records and the baselines beside them (the report's {@code ingest} data). */
    record WithBaselines(int records, int unique, @JsonUnwrapped PassFigures service, double naiveEventsPerSecond, long naiveRecords,
            double copyRowsPerSecond) {
    }

    /** The A/B pass's figures and the environment it ran with (the report's {@code compared} data). */
    record Compared(Map<String, String> env, @JsonUnwrapped PassFigures service) {
    }
}
