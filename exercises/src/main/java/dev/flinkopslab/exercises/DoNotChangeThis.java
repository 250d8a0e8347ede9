package dev.flinkopslab.exercises;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code a learner should leave alone: the check measures the exercise through it, or it stands for
 * something outside the job (the data, the cluster). {@link #value()} says why.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.CONSTRUCTOR})
public @interface DoNotChangeThis {
    String value();
}
