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
}
