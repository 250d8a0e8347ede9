package dev.flinkopslab.ops.kafka;

import dev.flinkopslab.source.GeneratorConfig;
import dev.flinkopslab.source.MeasurementRecordGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the generator's records into a topic: the record at offset o of generator partition p goes to
 * partition p with the generator's event time as its timestamp and the JSON (or malformed) bytes as its value.
 * Written in rounds (offset o of every partition, then o + 1), idempotently, so into an empty topic each
 * record lands at the offset the generator gave it — the same data the embedded generator source emits.
 */
public final class MeasurementProducer implements AutoCloseable {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final String topic;
    private final GeneratorConfig data;
    private final MeasurementRecordGenerator generator;
    private final long originMs;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** {@code data} fixes seed, partitions and boundedness; its {@code eventsPerSecond} is the send rate. */
    public MeasurementProducer(String bootstrapServers, String topic, GeneratorConfig data) {
        this.topic = topic;
        this.data = data;
        this.generator = new MeasurementRecordGenerator(data);
        this.originMs = data.resolveOrigin(System.currentTimeMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true); // a retry never writes a record twice
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // One batch in flight per broker: a batch rejected right after the topic was created (its leader not yet
        // settled) is retried alone instead of the batches behind it failing with OUT_OF_ORDER_SEQUENCE_NUMBER.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record of a bounded data set; see {@link #produce(long, long, Consumer, BooleanSupplier)}. */
    public long produceAll(Consumer<String> progress) {
        long longest = data.recordsInPartition(0);
        return produce(0, longest, progress, () -> false);
    }

    /**
     * Writes offsets [{@code fromOffset}, {@code toOffset}) of every partition (those a bounded data set has),
     * at most {@code data.eventsPerSecond()} records per second (0 = as fast as possible), until done or
     * {@code stop} says so; then flushes. Returns the records written.
     */
    public long produce(long fromOffset, long toOffset, Consumer<String> progress, BooleanSupplier stop) {
        awaitLeaders();
        long rate = data.eventsPerSecond();
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        long sent = 0;
        for (long offset = fromOffset; offset < toOffset && !stop.getAsBoolean(); offset++) {
            for (int partition = 0; partition < data.partitions(); partition++) {
                if (data.bounded() && offset >= data.recordsInPartition(partition)) {
                    continue;
                }
                MeasurementRecordGenerator.Generated r =
                        generator.generate(partition, offset, data.nominalTimestamp(originMs, offset));
                producer.send(new ProducerRecord<>(topic, partition, r.measurement().timestamp, null, r.value()),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                sent++;
            }
            long now = System.nanoTime();
            if (rate > 0) {
                pace(started, sent, rate);
            }
            if (now > nextProgress) {
                long elapsedMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(now - started));
                progress.accept(String.format(java.util.Locale.ROOT, "produced %,d records to %s (%,d/s)",
                        sent, topic, sent * 1000 / elapsedMs));
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new KafkaBrokerException("writing to " + topic + " failed: " + failure.get().getMessage());
        }
        return sent;
    }

    /**
     * A topic just created may not have its partition leaders yet; a first batch sent then is rejected, and the
     * idempotent producer's later batches stall behind it. So: every partition the data needs has a leader.
     */
    private void awaitLeaders() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            if (partitions.size() < data.partitions()) {
                throw new KafkaBrokerException("topic " + topic + " has " + partitions.size() + " partitions, the data needs "
                        + data.partitions());
            }
            if (partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaBrokerException("topic " + topic + " has partitions without a leader after 30 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaBrokerException("interrupted while waiting for topic " + topic);
            }
        }
    }

    /** Sleeps until {@code sent} records at {@code rate} per second are due. */
    private static void pace(long startedNanos, long sent, long rate) {
        long dueNanos = startedNanos + sent * 1_000_000_000L / rate;
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
