package dev.tokenmeter.bench.ingest;

import dev.tokenmeter.bench.Poller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.jspecify.annotations.Nullable;

/**
 * Follows the ingest service's committed offsets. It commits a batch's offsets only after the
 * batch is stored, so the committed total is the number of records stored (or dead-lettered or
 * recognised as duplicates): the first and last change of it bound the ingest.
 */
final class CommitWatch implements AutoCloseable {

    /** Committed records (all partitions) at a {@link System#nanoTime()}. */
    record Sample(long nanos, long committed) {
    }

    private final Admin admin;
    private final String group;
    private final List<Sample> samples = new ArrayList<>();
    private final Poller poller;

    CommitWatch(Admin admin, String group, long intervalMillis) {
        this.admin = admin;
        this.group = group;
        // Until the group exists, or while the broker is slow to answer, a sample fails and the next one tries again.
        this.poller = new Poller("bench-commit-watch", intervalMillis, this::sample);
    }

    private void sample() throws Exception {
        long committed = committed();
        synchronized (samples) {
            samples.add(new Sample(System.nanoTime(), committed));
        }
    }

    private long committed() throws Exception {
        Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(5, TimeUnit.SECONDS);
        return offsets.values().stream().filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    long latest() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).committed();
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The first sample with anything committed. */
    @Nullable
    Sample first() {
        return samples().stream().filter(s -> s.committed() > 0).findFirst().orElse(null);
    }

    /** The first sample at or past {@code committed}. */
    @Nullable
    Sample reaching(long committed) {
        return samples().stream().filter(s -> s.committed() >= committed).findFirst().orElse(null);
    }

    @Override
    public void close() {
        poller.close();
    }
}
