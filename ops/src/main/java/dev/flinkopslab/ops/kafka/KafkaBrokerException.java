package dev.flinkopslab.ops.kafka;

/** Something about the local broker that can be said in one line (port taken, broker did not come up). */
public final class KafkaBrokerException extends RuntimeException {
    public KafkaBrokerException(String message) {
        super(message);
    }
}
