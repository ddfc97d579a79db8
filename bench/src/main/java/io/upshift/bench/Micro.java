package io.upshift.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./upshift bench --jmh [REGEX]}: the JMH microbenchmarks of the hot paths the profiles
 * showed (serde on every hop, the gate after every outcome batch, window planning), one fork,
 * short iterations — enough to compare before and after a change on a noisy machine.
 * Results: {@code bench/results/jmh.json} (JMH's own JSON format).
 */
final class Micro {

    private Micro() {
    }

    static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : "io\\.upshift\\.bench\\.micro\\..*";
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results/jmh.json");
        Files.createDirectories(results.toAbsolutePath().getParent());
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .resultFormat(ResultFormatType.JSON)
                .result(results.toString())
                .build();
        new Runner(options).run();
    }
}
