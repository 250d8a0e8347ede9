package dev.flinkopslab.exercises;

/** Which code an exercise runs: what the learner has (troubled until fixed), or the reference solution. */
public enum Variant { LEARNER, SOLUTION }
