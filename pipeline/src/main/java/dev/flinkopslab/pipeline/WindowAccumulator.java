package dev.flinkopslab.pipeline;

/** Running aggregate of one window: exact integer sums in hundredths. A Flink POJO. */
public class WindowAccumulator {
    public long count;
    public long sumCenti;
    public long minCenti = Long.MAX_VALUE;
    public long maxCenti = Long.MIN_VALUE;
}
