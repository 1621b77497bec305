package dev.tokenmeter.ingest.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

/**
 * The records of one poll, in partition order, and the way to commit them.
 *
 * @param records the records; may span several partitions
 * @param commit  commits the offsets after the last record of every partition in this batch;
 *                subscribe only once everything in the batch is durably handled
 */
public record RecordBatch(List<ConsumerRecord<byte[], byte[]>> records, Mono<Void> commit) {

    /** Per record beyond its key and value: the record object, its headers and their arrays. */
    static final int RECORD_OVERHEAD_BYTES = 256;

    /** The records' size in memory, approximately: keys, values and a fixed overhead per record. */
    public long bytes() {
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            bytes += RECORD_OVERHEAD_BYTES + Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        }
        return bytes;
    }
}
