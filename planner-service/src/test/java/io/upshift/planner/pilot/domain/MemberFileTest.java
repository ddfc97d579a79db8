package io.upshift.planner.pilot.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.shared.domain.SalesforceIds;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberFileTest {

    private static final String A = SalesforceIds.orgId("00D000000000001");
    private static final String B = SalesforceIds.orgId("00D000000000002");

    @Test
    void readsTheOrgIdColumnOfAHeaderedFileOrTheFirstColumnOtherwise() {
        MemberFile.Parsed headered = MemberFile.parse(List.of("name,OrgKey", "Acme," + A, "Globex,\"" + B + "\"", ""));
        MemberFile.Parsed bare = MemberFile.parse(List.of(A + ",first", "00D000000000002", A));

        assertThat(headered.problems()).isEmpty();
        assertThat(headered.orgIds()).containsExactly(java.util.Map.entry(A, 2), java.util.Map.entry(B, 3));
        assertThat(bare.orgIds().keySet()).containsExactly(A, B);
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        MemberFile.Parsed parsed = MemberFile.parse(List.of("orgId", A, "not-an-id", "001000000000001AAA"));

        assertThat(parsed.problems()).extracting(Reason::line).containsExactly(3, 4);
        assertThat(parsed.problems()).allSatisfy(r -> assertThat(r.field()).isEqualTo("orgId"));
    }

    @Test
    void anEmptyFileIsAProblem() {
        assertThat(MemberFile.parse(List.of("orgId")).problems()).extracting(Reason::message)
                .containsExactly("the file names no org");
    }
}
