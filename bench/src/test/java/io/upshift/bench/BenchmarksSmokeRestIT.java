package io.upshift.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second half of the smoke run ({@link BenchmarksSmokeIT}): every benchmark not in its first half. */
class BenchmarksSmokeRestIT {

    static Set<String> rest() {
        Set<String> rest = new LinkedHashSet<>();
        for (Benchmark benchmark : Benchmarks.all()) {
            if (!BenchmarksSmokeIT.FIRST_HALF.contains(benchmark.name())) {
                rest.add(benchmark.name());
            }
        }
        return rest;
    }

    @Test
    void theRestRunAtATinySizeAndReportTheirFiguresAgainstTheirBaselines(@TempDir Path output) throws Exception {
        List<Result> results = BenchmarksSmokeIT.runAndCheck(rest(), output, Path.of("target/bench-smoke-rest"));

        Result blast = results.stream().filter(r -> r.benchmark().equals("blast-radius")).findFirst().orElseThrow();
        assertThat(blast.details().get("final_state")).isEqualTo("HALTED");
        assertThat(blast.targets()).allMatch(Result.Target::met);
    }
}
