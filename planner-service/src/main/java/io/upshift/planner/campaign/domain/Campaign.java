package io.upshift.planner.campaign.domain;

import io.upshift.planner.shared.domain.ConflictException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored campaign: its definition, where it stands, and the optimistic-lock version every
 * change increments. It owns its state machine (ARCHITECTURE.md "State machines"): every change of
 * state goes through one of its transition methods, which refuse a change the current state does
 * not allow (409 with the current state) and return the changed campaign; the store persists it.
 *
 * @param targetVersionId the 04t… id of the target version
 * @param version the optimistic-lock version
 * @param scheduledBy who scheduled it (the four-eyes rule keeps them, like its creator, from approving
 *        its first production wave)
 * @param startsAt when the first wave may start (set when scheduled)
 * @param stateReason why it is in its state, for people (a gate decision, a cancel note); each
 *        transition sets it, so a reason never outlives the state it explained
 */
public record Campaign(
        UUID id,
        CampaignSpec spec,
        String packageName,
        String targetVersionId,
        CampaignState state,
        int version,
        Instant createdAt,
        Instant updatedAt,
        Instant scheduledAt,
        String scheduledBy,
        Instant startsAt,
        Instant startedAt,
        Instant finishedAt,
        String stateReason) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
    }

    /** A new DRAFT. */
    public static Campaign draft(UUID id, CampaignSpec spec, String packageName, String targetVersionId, Instant now) {
        return new Campaign(id, spec, packageName, targetVersionId, CampaignState.DRAFT, 0, now, now, null, null, null,
                null, null, null);
    }

    /** Optimistic locking at the API: a request that names a version (If-Match) must name the current one. */
    public Campaign requireVersion(Integer expected) {
        if (expected != null && expected != version) {
            throw new ConflictException("campaign " + id + " is at version " + version + ", not " + expected
                    + ": it was changed since you read it", state.name());
        }
        return this;
    }

    /** This campaign, when its definition may still be changed (a DRAFT); 409 otherwise. */
    public Campaign requireEditable() {
        if (!state.canBeEdited()) {
            throw new ConflictException("only a DRAFT campaign can be edited; " + id + " is " + state, state.name());
        }
        return this;
    }

    /** A DRAFT with a new definition; who created it stays who it was. */
    public Campaign redefined(CampaignSpec newSpec, String newPackageName, String newTargetVersionId) {
        requireEditable();
        return new Campaign(id, newSpec.withCreator(spec.createdBy()), newPackageName, newTargetVersionId, state,
                version, createdAt, updatedAt, null, null, null, null, null, null);
    }

    /** DRAFT → SCHEDULED by {@code by}: its first wave may start at {@code firstStart}. */
    public Campaign scheduled(Instant at, String by, Instant firstStart) {
        require(state.canBeScheduled(), "schedule");
        return new Campaign(id, spec, packageName, targetVersionId, CampaignState.SCHEDULED, version, createdAt,
                updatedAt, at, by, firstStart, null, null, null);
    }

    /** SCHEDULED → RUNNING, when its start is due. */
    public Campaign started(Instant at) {
        require(state.canStart(), "start");
        return to(CampaignState.RUNNING, null, at, null);
    }

    /** RUNNING → PAUSED: no new commands; orgs in flight finish. SCHEDULED → PAUSED: it does not start. */
    public Campaign paused(String reason) {
        require(state.canBePaused(), "pause");
        return to(CampaignState.PAUSED, reason == null ? "paused" : reason, startedAt, null);
    }

    /**
     * PAUSED or HALTED → RUNNING; a campaign paused before it ever started goes back to SCHEDULED
     * (the campaign loop starts it when due).
     */
    public Campaign resumed() {
        require(state.canBeResumed(), "resume");
        return to(startedAt == null ? CampaignState.SCHEDULED : CampaignState.RUNNING, null, startedAt, null);
    }

    /** RUNNING or PAUSED → HALTED, when a gate tripped. */
    public Campaign halted(String reason) {
        require(state.canHalt(), "halt");
        return to(CampaignState.HALTED, reason, startedAt, null);
    }

    /** RUNNING or PAUSED → COMPLETED, when every wave passed and every org ended. */
    public Campaign completed(Instant at) {
        require(state.canComplete(), "complete");
        return to(CampaignState.COMPLETED, null, startedAt, at);
    }

    /** Any non-final state → CANCELED. */
    public Campaign canceled(String reason, Instant at) {
        require(state.canBeCanceled(), "cancel");
        return to(CampaignState.CANCELED, reason == null ? "canceled" : reason, startedAt, at);
    }

    /**
     * Failed orgs put back in line (the caller moves the orgs): the campaign's state allows it, and a
     * COMPLETED campaign runs again for them ({@code → RUNNING}, no longer finished) until they end.
     */
    public Campaign retried(int orgs) {
        require(state.canRetry(), "retry the failed orgs of");
        if (state != CampaignState.COMPLETED || orgs == 0) {
            return this;
        }
        return new Campaign(id, spec, packageName, targetVersionId, CampaignState.RUNNING, version, createdAt,
                updatedAt, scheduledAt, scheduledBy, startsAt, startedAt, null, "retrying " + orgs + " orgs");
    }

    /** One org removed by a person: the campaign's state allows it (the caller moves the org); its version moves. */
    public Campaign orgRemoved() {
        require(state.canRemoveOrgs(), "remove an org from");
        return this;
    }

    /** A wave approved: what the campaign does next changed, so its version moves (a stale If-Match loses). */
    public Campaign approved() {
        require(state.canApprove(), "approve a wave of");
        return this;
    }

    /** This campaign as the store wrote it: the next version, changed at {@code at}. */
    public Campaign stored(Instant at) {
        return new Campaign(id, spec, packageName, targetVersionId, state, version + 1, createdAt, at, scheduledAt,
                scheduledBy, startsAt, startedAt, finishedAt, stateReason);
    }

    /** The 409 a change the current state does not allow gets. */
    public ConflictException illegal(String action) {
        return new ConflictException("cannot " + action + " campaign " + id + ": it is " + state, state.name());
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw illegal(action);
        }
    }

    private Campaign to(CampaignState next, String reason, Instant started, Instant finished) {
        return new Campaign(id, spec, packageName, targetVersionId, next, version, createdAt, updatedAt, scheduledAt,
                scheduledBy, startsAt, started, finished == null ? finishedAt : finished, reason);
    }
}
