package dev.flinkopslab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of {@code lab}, through the same {@link Lab#run} that main uses, with captured output. */
record LabRun(int exitCode, String out, String err) {

    static LabRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lab.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new LabRun(code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
