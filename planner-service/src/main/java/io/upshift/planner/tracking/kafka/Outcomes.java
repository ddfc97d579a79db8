package io.upshift.planner.tracking.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.tracking.domain.Outcome;
import io.upshift.schemas.OrgIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** Turns an UpgradeOutcome record into the tracker's Outcome, or says why it cannot be one. */
final class Outcomes {

    private static final LogAccessor LOG = new LogAccessor(Outcomes.class);

    private Outcomes() {
    }

    /**
     * @throws DeserializationException when the record could not be decoded (garbage, unknown schema)
     * @throws InvalidMessageException when it decoded but says something impossible
     */
    static Outcome parse(ConsumerRecord<String, UpgradeOutcome> record) {
        UpgradeOutcome value = record.value();
        if (value == null) {
            DeserializationException cause = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (cause != null) {
                throw cause;
            }
            throw new InvalidMessageException("an outcome record without a value");
        }
        if (value.getStatus() == null || value.getStatus() == OutcomeStatus.UNKNOWN) {
            throw new InvalidMessageException("outcome " + value.getCommandId() + " has a status this planner does not know");
        }
        String orgId = OrgIds.normalize(value.getOrgId()).orElseThrow(() -> new InvalidMessageException(
                "outcome " + value.getCommandId() + ": " + OrgIds.problem(value.getOrgId()).orElse("bad org id")));
        if (value.getStartedAt() != null && value.getFinishedAt() != null
                && value.getFinishedAt().isBefore(value.getStartedAt())) {
            throw new InvalidMessageException("outcome " + value.getCommandId() + " finished before it started");
        }
        if (value.getAttempts() < 0 || value.getWaveNumber() < 1) {
            throw new InvalidMessageException("outcome " + value.getCommandId() + " has impossible counts (attempts "
                    + value.getAttempts() + ", wave " + value.getWaveNumber() + ")");
        }
        return new Outcome(value.getCommandId(), value.getCampaignId(), orgId, value.getWaveNumber(),
                TargetState.valueOf(value.getStatus().name()),
                value.getErrorCategory() == null ? null : value.getErrorCategory().name(), value.getErrorCode(),
                value.getErrorMessage(), value.getVersionBefore(), value.getVersionAfter(), value.getAttempts(),
                value.getStartedAt(), value.getFinishedAt(), value.getExecutorId());
    }
}
