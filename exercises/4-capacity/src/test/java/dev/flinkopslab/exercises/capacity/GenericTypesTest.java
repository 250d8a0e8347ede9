package dev.flinkopslab.exercises.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.exercises.capacity.solution.DecodeMeasurementsSolution;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import dev.flinkopslab.source.GeneratorConfig;
import org.junit.jupiter.api.Test;

/** The Kryo detector finds the map of the troubled decoder and nothing in the reference or the solution. */
class GenericTypesTest {
    private static final PipelineConfig CONFIG = PipelineConfig.builder()
            .generator(GeneratorConfig.builder().maxRecords(1_000).build()).build();

    @Test
    void theReferencePipelineHasNone() {
        assertThat(GenericTypes.in(CONFIG, PipelineParts.REFERENCE)).isEmpty();
    }

    @Test
    void theSolutionHasNone() {
        assertThat(GenericTypes.in(CONFIG, new DecodeMeasurementsSolution())).isEmpty();
    }

    @Test
    void aMapOfObjectsIsFoundAlthoughTheJobAllowsGenericTypes() {
        assertThat(GenericTypes.in(CONFIG, new DecodeMeasurements()))
                .singleElement().asString().contains("GenericType").contains("Deserialize JSON");
    }
}
