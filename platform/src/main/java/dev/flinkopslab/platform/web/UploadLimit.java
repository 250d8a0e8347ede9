package dev.flinkopslab.platform.web;

import org.apache.tomcat.util.http.fileupload.impl.SizeException;

/** Recognises the servlet container's "too large" among multipart failures, however it is wrapped. */
final class UploadLimit {
    private UploadLimit() {}

    static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SizeException || (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("exceeds"))) {
                return true;
            }
        }
        return false;
    }

    static String describe(long bytes) {
        if (bytes <= 0) {
            return "the configured size";
        }
        return bytes % (1024 * 1024) == 0 ? (bytes / (1024 * 1024)) + " MB" : bytes + " bytes";
    }
}
