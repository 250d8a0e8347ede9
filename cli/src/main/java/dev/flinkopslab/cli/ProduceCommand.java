package dev.flinkopslab.cli;

import dev.flinkopslab.ops.kafka.KafkaPreflight;
import dev.flinkopslab.ops.kafka.MeasurementProducer;
import dev.flinkopslab.source.GeneratorConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab produce}: the generator's records into the Kafka topic, at a rate, bounded or until Ctrl-C. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the generator's measurement records into the Kafka topic (same seed, same records).")
final class ProduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "<records/s>",
            description = "Records per second over all partitions; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--records", paramLabel = "<n>",
            description = "Write this many records (a fixed data set with fixed event times), then stop (default: until Ctrl-C).")
    Long records;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "measurements", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--malformed", defaultValue = "0.0", paramLabel = "<fraction>",
            description = "Fraction 0..1 of records that are not valid measurements (default: ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--late", defaultValue = "0.0", paramLabel = "<fraction>",
            description = "Fraction 0..1 of records delayed beyond the watermark (default: ${DEFAULT-VALUE}).")
    double late;

    @Override
    public Integer call() {
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be 0 (as fast as possible) or positive (got " + rate + ")");
        }
        if (records != null && records <= 0) {
            throw new ParameterException(spec.commandLine(), "--records must be positive (got " + records + ")");
        }
        GeneratorConfig.Builder g = GeneratorConfig.builder().seed(seed).eventsPerSecond(rate)
                .malformedFraction(malformed).lateFraction(late);
        if (records != null) {
            g.maxRecords(records);
        }
        GeneratorConfig data = g.build();
        // else the producer waits 30 s for metadata, then fails obscurely
        KafkaPreflight.requireTopic(bootstrapServers, topic);
        PrintWriter out = spec.commandLine().getOut();
        out.println("lab produce: " + (records == null ? "until Ctrl-C" : records + " records") + " to " + topic + " on "
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
