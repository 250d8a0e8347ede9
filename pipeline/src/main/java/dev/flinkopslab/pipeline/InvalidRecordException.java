package dev.flinkopslab.pipeline;

/** A record value that is not a valid measurement; the message says what is wrong with it. */
public class InvalidRecordException extends Exception {
    public InvalidRecordException(String reason) {
        super(reason, null, false, false); // thrown per bad record: no stack trace to fill
    }
}
