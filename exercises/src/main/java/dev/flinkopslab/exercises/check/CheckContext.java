package dev.flinkopslab.exercises.check;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a check gets from whoever runs it: a fresh directory for the job's output and a place for progress
 * lines (a check takes tens of seconds; the learner should see it working).
 */
public record CheckContext(Path workDir, PrintStream progress) {}
