package dev.flinkopslab.platform.page;

/** A form field whose text cannot be read; shown at that field. */
class FormException extends RuntimeException {
    private final String field;

    FormException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
