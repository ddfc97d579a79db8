package io.upshift.bench.micro;

import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.gate.domain.Gate;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The gate's decision, taken after every applied outcome batch for every wave it touched. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GateBenchmark {

    private final GateRule rule = new GateRule(BigDecimal.valueOf(5), 50, GateRule.COUNTABLE);
    // total, pending, dispatched, succeeded, failed, skipped, canceled, timed out
    private final WaveCounts withinThreshold = new WaveCounts(10_000, 4_000, 500, 5_300, 150, 30, 0, 20);
    private final WaveCounts tooFew = new WaveCounts(10_000, 9_960, 20, 18, 2, 0, 0, 0);

    @Benchmark
    public Gate.Decision evaluateABusyWave() {
        return Gate.evaluate(rule, withinThreshold, GateBaseline.NONE);
    }

    @Benchmark
    public Gate.Decision evaluateAWaveBelowItsSample() {
        return Gate.evaluate(rule, tooFew, GateBaseline.NONE);
    }
}
