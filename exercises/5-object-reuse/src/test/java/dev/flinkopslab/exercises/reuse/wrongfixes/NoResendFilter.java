package dev.flinkopslab.exercises.reuse.wrongfixes;

import dev.flinkopslab.measurements.Measurement;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Wrong fix: "the filter is what breaks, take it out" — and the calibration with it, as a pure map. Both runs
 * agree, object reuse on or off; resent readings count twice and the calibration is gone.
 */
public class NoResendFilter extends PipelineParts {
    @Override
    public DataStream<Measurement> beforeWindows(DataStream<Measurement> measurements, PipelineConfig c) {
        return measurements.map(m -> m, TypeInformation.of(Measurement.class)).uid("calibrate").name("Pass through");
    }
}
