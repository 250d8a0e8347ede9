package dev.flinkopslab.pipeline;

import dev.flinkopslab.source.SourceRecord;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The Kafka source and the exactly-once Kafka sink of the pipeline, built from {@link KafkaSettings}. */
final class KafkaParts {
    private KafkaParts() {}

    /** Reads the topic as the generator source emits it: partition, offset, record timestamp, raw value. */
    static KafkaSource<SourceRecord> source(KafkaSettings k) {
        KafkaSourceBuilder<SourceRecord> builder = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setTopics(k.topic())
                .setGroupId(k.groupId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ToSourceRecord());
        if (k.stopAtLatest()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Window results as CSV lines, in Kafka transactions committed with Flink's checkpoints. */
    static KafkaSink<String> exactlyOnceSink(KafkaSettings k) {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", Long.toString(k.transactionTimeout().toMillis()));
        return KafkaSink.<String>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                        .setTopic(k.outputTopic())
                        .setValueSerializationSchema(new SimpleStringSchema())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(k.transactionalIdPrefix())
                .build();
    }

    /** Kafka record → {@link SourceRecord}; the value stays bytes, parsing is the job's business downstream. */
    static final class ToSourceRecord implements KafkaRecordDeserializationSchema<SourceRecord> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
            byte[] value = record.value() == null ? new byte[0] : record.value();
            out.collect(new SourceRecord(record.partition(), record.offset(), record.timestamp(), value));
        }

        @Override
        public TypeInformation<SourceRecord> getProducedType() {
            return TypeInformation.of(SourceRecord.class);
        }
    }
}
