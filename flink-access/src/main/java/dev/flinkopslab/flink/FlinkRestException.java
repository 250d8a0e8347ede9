package dev.flinkopslab.flink;

import java.io.IOException;

/** A call to Flink's REST API failed; the message is one line a user can act on. */
public final class FlinkRestException extends IOException {
    private final int status;
    private final String flinkError;

    FlinkRestException(String message, int status, String flinkError) {
        super(message);
        this.status = status;
        this.flinkError = flinkError;
    }

    /** The HTTP status Flink answered with; 0 when nothing listens at the URL, -1 when the call broke off. */
    public int status() {
        return status;
    }

    /** True when nothing listens at the URL: no Flink is running there (or the URL is wrong). */
    public boolean noAnswer() {
        return status == 0;
    }

    /** Flink's own error, shortened to its innermost cause, when Flink answered with one; else null. */
    public String flinkError() {
        return flinkError;
    }
}
