package dev.flinkopslab.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.exercises.check.CheckContext;
import dev.flinkopslab.exercises.check.CheckResult;
import dev.flinkopslab.exercises.failures.ParseRecords;
import dev.flinkopslab.exercises.metrics.DeserializerMetrics;
import dev.flinkopslab.exercises.metrics.WindowResultMetrics;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The troubled job is built from the seam table: each seam is its owner's learner code, and only one owner. */
class TroubledJobSeamsTest {
    private final TroubledStreamingJob job = new TroubledStreamingJob();

    @Test
    void eachSeamIsTheLearnersPartsOfTheExerciseThatOwnsIt() {
        for (Exercise e : Exercises.all()) {
            for (Seam seam : e.seams()) {
                assertThat(job.owner(seam)).as("owner of %s", seam).contains(e);
                assertThat(job.at(seam)).as("parts at %s", seam).isExactlyInstanceOf(e.parts(Variant.LEARNER).getClass());
            }
        }
        assertThat(job.owners().keySet()).as("every seam has an owner").containsExactlyInAnyOrder(Seam.values());
        assertThat(job.exercises()).extracting(Exercise::number).containsExactly(1, 2, 3, 5, 6, 8);
        assertThat(job.exerciseNumbers()).isEqualTo("1, 2, 3, 5, 6 and 8");
    }

    /** Exercise 8's functions run in the troubled job beside exercise 1's deserializer and exercise 3's windows. */
    @Test
    void theTroubledJobsFunctionsAreTheLearnersFiles() {
        PipelineConfig c = TroubledStreamingJob.config();
        assertThat(job.deserializer(c)).isExactlyInstanceOf(ParseRecords.class);
        assertThat(job.parseMetrics()).isExactlyInstanceOf(DeserializerMetrics.class);
        assertThat(job.resultMetrics()).isExactlyInstanceOf(WindowResultMetrics.class);
        assertThat(overridden(TroubledStreamingJob.class)).as("the troubled job keeps the reference deserialize, "
                + "which runs its deserializer and parse metrics").doesNotContain("deserialize");
    }

    /** An exercise's seams are exactly what its learner parts replace: nothing it overrides is left out of the job. */
    @Test
    void theSeamsOfAnExerciseAreThePartsItsLearnerCodeOverrides() {
        for (Exercise e : Exercises.all()) {
            if (e.seams().isEmpty()) {
                continue;
            }
            Set<String> declared = e.seams().stream().map(Seam::part).collect(Collectors.toCollection(TreeSet::new));
            assertThat(overridden(e.parts(Variant.LEARNER).getClass())).as("exercise %d", e.number())
                    .isEqualTo(declared);
        }
    }

    @Test
    void twoOwnersOfOneSeamAreRefused() {
        Exercise first = Exercises.byNumber(1).orElseThrow();
        assertThatThrownBy(() -> new TroubledStreamingJob(java.util.List.of(first, claiming(Seam.PARSE))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seam PARSE").hasMessageContaining("two owners")
                .hasMessageContaining("exercise 1").hasMessageContaining("exercise 99");
    }

    /** The public methods of {@link PipelineParts} that {@code type} or a class between it and PipelineParts declares. */
    private static Set<String> overridden(Class<?> type) {
        Set<String> parts = Arrays.stream(PipelineParts.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toSet());
        Set<String> overridden = new TreeSet<>();
        for (Class<?> c = type; c != PipelineParts.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredMethods()).filter(m -> !m.isSynthetic() && !m.isBridge())
                    .map(Method::getName).filter(parts::contains).forEach(overridden::add);
        }
        return overridden;
    }

    private static Exercise claiming(Seam seam) {
        return new Exercise() {
            public int number() { return 99; }
            public String slug() { return "claims"; }
            public String title() { return "Claims a seam"; }
            public String symptom() { return "none"; }
            public PipelineConfig runConfig() { return PipelineConfig.defaults(); }
            public Set<Seam> seams() { return Set.of(seam); }
            public PipelineParts parts(Variant variant) { return PipelineParts.REFERENCE; }
            public CheckResult check(PipelineParts parts, Variant variant, CheckContext context) { throw new UnsupportedOperationException(); }
        };
    }
}
