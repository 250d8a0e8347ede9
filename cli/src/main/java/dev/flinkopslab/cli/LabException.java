package dev.flinkopslab.cli;

/** A failure we can explain in one line (port taken, job failed); {@link ExitCodes} prints it. */
final class LabException extends RuntimeException {
    final int exitCode;

    LabException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    LabException(String message) {
        this(message, ExitCodes.FAILURE);
    }
}
