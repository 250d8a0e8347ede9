package dev.flinkopslab.cli;

import dev.flinkopslab.ops.kafka.KafkaPreflight;
import dev.flinkopslab.ops.kafka.MeasurementProducer;
import dev.flinkopslab.pipeline.options.KafkaOptions;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lab produce}: the generator's records into the Kafka topic, at a rate, bounded or until Ctrl-C. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the generator's measurement records into the Kafka topic (same seed, same records).")
final class ProduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JobMixins.Generator generator;

    @Mixin
    JobMixins.Kafka kafka;

    @Override
    public Integer call() {
        Configuration options = JobArgs.parse(spec); // as the job parses them: same options, same records
        GeneratorConfig data = GeneratorConfig.from(options);
        String bootstrapServers = options.get(KafkaOptions.BOOTSTRAP_SERVERS);
        String topic = options.get(KafkaOptions.TOPIC);
        long rate = data.eventsPerSecond();
        // else the producer waits 30 s for metadata, then fails obscurely
        KafkaPreflight.requireTopic(bootstrapServers, topic);
        PrintWriter out = spec.commandLine().getOut();
        out.println("lab produce: " + (data.bounded() ? data.maxRecords() + " records" : "until Ctrl-C") + " to " + topic + " on "
                + bootstrapServers + ", " + (rate == 0 ? "as fast as possible" : rate + " records/s"));
        out.flush();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(); // let the producer flush before the JVM exits
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "lab-produce-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (MeasurementProducer producer = new MeasurementProducer(bootstrapServers, topic, data)) {
            long until = data.bounded() ? data.recordsInPartition(0) : Long.MAX_VALUE;
            long sent = producer.produce(0, until, OpsSupport.progressLines(spec), stop::get);
            out.println("lab produce: " + sent + " records written" + (stop.get() ? " (stopped)" : ""));
            out.flush();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is waiting for us.
            }
        }
        return ExitCodes.OK;
    }
}
