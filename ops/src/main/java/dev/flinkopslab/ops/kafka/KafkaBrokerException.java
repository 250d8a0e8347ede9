package dev.flinkopslab.ops.kafka;

import java.util.Optional;

/**
 * Something about the local broker that can be said in one line (port taken, broker did not come up). When
 * what a job needs is not there, {@link #missing} says which, so that the caller can say how to provide it.
 */
public final class KafkaBrokerException extends RuntimeException {
    /** What a job or producer needs that is not there. */
    public enum Missing {
        /** no broker answers at the bootstrap servers */
        BROKER,
        /** the broker answers but has not the topic */
        TOPIC
    }

    private final Missing missing;

    public KafkaBrokerException(String message) {
        this(message, null);
    }

    public KafkaBrokerException(String message, Missing missing) {
        super(message);
        this.missing = missing;
    }

    public Optional<Missing> missing() {
        return Optional.ofNullable(missing);
    }
}
