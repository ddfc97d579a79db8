package io.upshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RehearseCommandTest {

    @Test
    void printsTheReportForPeople() {
        String report = """
                {"seeds":10,"firstSeed":5,"orgs":40,"makespan":null,
                 "waves":[{"number":1,"kind":"CANARY","size":10,"startedShare":1.0,
                           "medianStart":"2026-12-06T06:32:20.540Z","medianEnd":"2026-12-06T06:48:05.422Z"}],
                 "failed":{"mean":9.0,"median":9,"p5":9,"p95":9},
                 "failuresByType":{"ApexTestFailure":{"mean":9.0}},
                 "halt":{"probability":1.0,"byWave":{"1":1.0}},
                 "emails":{"HALTED_REPORT":1.0},
                 "safety":{"statement":"at most 10 orgs can run a failing version","maxExposed":9,"held":true},
                 "twin":{"pushesSeen":8,"campaignsSeen":1,"chronicOrgs":0,"defaults":["refused calls: none"]}}""";
        StringWriter out = new StringWriter();
        try (PrintWriter writer = new PrintWriter(out)) {
            RehearseCommand.print(writer, JsonMapper.builder().build().readTree(report));
        }

        assertThat(out.toString()).contains("makespan: no run completed", "CANARY", "halt: 100 % of runs",
                "ApexTestFailure", "most exposed in a run: 9 (held)", "default: refused calls: none");
    }
}
