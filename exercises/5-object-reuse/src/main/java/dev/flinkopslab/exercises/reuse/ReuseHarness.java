package dev.flinkopslab.exercises.reuse;

import dev.flinkopslab.exercises.DoNotChangeThis;
import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * Runs the steps a job puts between parsing and the windows in Flink's operator test harness, as object reuse
 * hands them their input: one object, refilled for every reading and changed again right after each call (as
 * an upstream function that reuses its output object does). The harness copies what a step emits the moment
 * it emits it, so the readings that come out can be compared with a run that hands every step fresh copies —
 * a step that keeps a reference to its input sees it change, and behaves differently. A map step is also
 * called twice directly, to see whether it changes the object it returned the first time.
 *
 * <p>In the job as it is, nothing upstream of these steps reuses its output object, so a step that keeps its
 * input works by luck; this harness makes the rule visible that a step must not rely on that.
 */
@DoNotChangeThis("the check runs your cleaning steps through this harness")
final class ReuseHarness {
    private static final TypeSerializer<Measurement> SERIALIZER =
            TypeInformation.of(Measurement.class).createSerializer(new ExecutionConfig().getSerializerConfig());

    private ReuseHarness() {}

    record Outcome(int steps, long readingsOut, long differing, List<String> stepsChangingTheirOutput) {}

    static Outcome run(PipelineParts parts, PipelineConfig config, List<Measurement> readings) throws Exception {
        List<Object> withCopies = runSteps(steps(parts, config), readings, false);
        List<Object> reused = runSteps(steps(parts, config), readings, true);
        long differing = Math.abs(withCopies.size() - reused.size());
        for (int i = 0; i < Math.min(withCopies.size(), reused.size()); i++) {
            differing += withCopies.get(i).equals(reused.get(i)) ? 0 : 1;
        }
        List<OneInputTransformation<?, ?>> steps = steps(parts, config);
        return new Outcome(steps.size(), withCopies.size(), differing, stepsChangingTheirOutput(steps, readings));
    }

    /** The one-input steps {@code parts.beforeWindows} adds, in order (a keyBy is part of the keyed step after it). */
    static List<OneInputTransformation<?, ?>> steps(PipelineParts parts, PipelineConfig config) {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(new Configuration());
        DataStream<Measurement> input = env.fromSequence(0, 0)
                .map(i -> new Measurement(), TypeInformation.of(Measurement.class)).uid("harness-input").name("input");
        DataStream<Measurement> output = parts.beforeWindows(input, config);
        List<OneInputTransformation<?, ?>> steps = new ArrayList<>();
        Transformation<?> t = output.getTransformation();
        while (t != input.getTransformation()) {
            if (t instanceof OneInputTransformation<?, ?> step) {
                steps.add(0, step);
            } else if (!(t instanceof PartitionTransformation<?>)) {
                throw new IllegalStateException("the harness runs one-input steps only; found '" + t.getName() + "'");
            }
            if (t.getInputs().size() != 1) {
                throw new IllegalStateException("the harness runs a chain of steps; '" + t.getName() + "' has "
                        + t.getInputs().size() + " inputs");
            }
            t = t.getInputs().get(0);
        }
        return steps;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static OneInputStreamOperatorTestHarness<Object, Object> harness(OneInputTransformation<?, ?> step) throws Exception {
        StreamOperatorFactory<Object> factory = (StreamOperatorFactory<Object>) step.getOperatorFactory();
        OneInputStreamOperatorTestHarness<Object, Object> h = step.getStateKeySelector() != null
                ? new KeyedOneInputStreamOperatorTestHarness<>(factory, (KeySelector) step.getStateKeySelector(),
                        (TypeInformation) step.getStateKeyType(), 1, 1, 0)
                : new OneInputStreamOperatorTestHarness<>(factory, 1, 1, 0);
        h.open();
        return h;
    }

    /** Each step's output is the next one's input; what the last step emits, as copied when it was emitted. */
    private static List<Object> runSteps(List<OneInputTransformation<?, ?>> steps, List<Measurement> readings,
                                         boolean reuseInput) throws Exception {
        List<Object> values = new ArrayList<>(readings);
        for (OneInputTransformation<?, ?> step : steps) {
            OneInputStreamOperatorTestHarness<Object, Object> h = harness(step);
            try {
                Measurement shared = new Measurement();
                for (Object value : values) {
                    if (reuseInput && value instanceof Measurement m) {
                        fill(shared, m);
                        h.processElement(new StreamRecord<>(shared, m.timestamp));
                        scramble(shared);
                    } else {
                        Object copy = value instanceof Measurement m ? SERIALIZER.copy(m) : value;
                        h.processElement(new StreamRecord<>(copy, value instanceof Measurement m ? m.timestamp : 0));
                    }
                }
                values = new ArrayList<>(h.extractOutputValues());
            } finally {
                h.close();
            }
        }
        return values;
    }

    /** Map steps that change the object they returned for one reading when called with the next. */
    private static List<String> stepsChangingTheirOutput(List<OneInputTransformation<?, ?>> steps,
                                                         List<Measurement> readings) throws Exception {
        List<String> changing = new ArrayList<>();
        for (OneInputTransformation<?, ?> step : steps) {
            if (!(step.getOperatorFactory() instanceof SimpleOperatorFactory<?> simple)
                    || !(simple.getOperator() instanceof AbstractUdfStreamOperator<?, ?> udf)) {
                continue;
            }
            OneInputStreamOperatorTestHarness<Object, Object> h = harness(step); // opens the function
            try {
                Function f = udf.getUserFunction();
                if (f instanceof MapFunction<?, ?> map && readings.size() >= 2) {
                    @SuppressWarnings("unchecked")
                    MapFunction<Measurement, Object> m = (MapFunction<Measurement, Object>) map;
                    Object first = m.map(SERIALIZER.copy(readings.get(0)));
                    if (first instanceof Measurement out) {
                        Measurement asReturned = SERIALIZER.copy(out);
                        m.map(SERIALIZER.copy(readings.get(1)));
                        if (!out.equals(asReturned)) {
                            changing.add(step.getName());
                        }
                    }
                }
            } finally {
                h.close();
            }
        }
        return changing;
    }

    private static void fill(Measurement to, Measurement from) {
        to.sensorId = from.sensorId;
        to.location = from.location;
        to.latitude = from.latitude;
        to.longitude = from.longitude;
        to.timestamp = from.timestamp;
        to.valueCenti = from.valueCenti;
        to.unit = from.unit;
        to.batteryPercent = from.batteryPercent;
        to.firmware = from.firmware;
    }

    /** What an upstream function that reuses its output object does to it before the next call. */
    private static void scramble(Measurement m) {
        m.sensorId = "reused-object";
        m.location = "reused-object";
        m.timestamp = -1;
        m.valueCenti = -99_999;
        m.firmware = "0.0.0";
    }
}
