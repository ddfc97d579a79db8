package io.upshift.planner.operations.domain;

import java.util.List;

/**
 * Why a campaign's orgs failed: its failed and timed-out orgs counted by Salesforce error code and by
 * instance (pod), each group with a few example orgs — what a release engineer reads first when a wave
 * halts ("all ApexTestFailure, all on EU pods").
 *
 * @param failed the campaign's failed and timed-out orgs
 * @param byErrorCode groups by error code (a timed-out org without one is under {@code TIMED_OUT}), largest first
 * @param byInstance groups by instance, largest first
 */
public record FailureBreakdown(long failed, List<Group> byErrorCode, List<Group> byInstance) {

    /**
     * One group.
     *
     * @param key the error code or the instance
     * @param category the error's category (TRANSIENT, PERMANENT, …) when every org of the group has the same, else null
     * @param count orgs in the group
     * @param examples the first orgs of the group by org id
     */
    public record Group(String key, String category, long count, List<Example> examples) {
    }

    /** One failed org, as the breakdown shows it. */
    public record Example(String orgId, String orgName, String instance, String state, String errorCode,
            String errorMessage) {
    }
}
