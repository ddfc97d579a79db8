package io.upshift.bench;

import java.util.List;
import java.util.Map;

/**
 * Where the time went during one benchmark, from its JFR recording and the operating system's
 * CPU accounting: Java samples by component and by hottest method, allocation sites, GC pauses,
 * and the CPU seconds of this JVM and of the PostgreSQL processes (which JFR cannot see).
 *
 * @param recording the {@code .jfr} file, for {@code jfr print} / {@code jfr summary} / JMC
 * @param samples Java execution samples in the recording
 * @param components share of the samples by component (planner, executor, broker, …), in percent
 * @param hotMethods the leaf methods most often on CPU, in percent of the samples
 * @param hotUpshiftMethods the innermost {@code io.upshift} frame of each sample, in percent
 * @param allocations allocation sites by sampled weight, in percent
 * @param gcPauseMillis total GC pause time
 * @param gcCount garbage collections
 * @param jvmCpuSeconds CPU time of this JVM (all threads, GC and JIT included) while the benchmark ran
 * @param postgresCpuSeconds CPU time of the PostgreSQL server processes while the benchmark ran (NaN if unknown)
 * @param wallSeconds how long the benchmark ran
 */
public record Profile(String recording, long samples, Map<String, Double> components, List<Share> hotMethods,
        List<Share> hotUpshiftMethods, List<Share> allocations, double gcPauseMillis, long gcCount,
        double jvmCpuSeconds, double postgresCpuSeconds, double wallSeconds) {

    /** A name and its share in percent. */
    public record Share(String name, double percent) {
    }
}
