package dev.flinkopslab.cli;

import java.nio.file.Path;

/** Where log4j2.properties sends Flink's logs: {@code ${sys:lab.log.dir:-.lab/logs}/lab.log}. */
final class LabLog {
    private LabLog() {}

    static Path file() {
        return Path.of(System.getProperty("lab.log.dir", ".lab/logs"), "lab.log");
    }
}
