package io.upshift.notifier.subscriber.domain;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.ResultFacts;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether an outcome is mailed to the org. Succeeded, failed, timed out and skipped (already
 * on the version) are; CANCELED is not: a command is canceled because the campaign halted or was
 * canceled, and the planner tells the org what happens next with a RESCHEDULED or CANCELED notice —
 * a second email about the same thing would only confuse. Each command's result goes out once
 * (keyed by commandId); a retry a person asks for is a new command and gets its own result.
 */
public final class ResultPolicy {

    public Optional<NewEmail> plan(Outcome outcome, Instant now) {
        if (outcome.status() == Outcome.Status.CANCELED) {
            return Optional.empty();
        }
        ResultFacts facts = new ResultFacts(outcome.commandId(), outcome.waveNumber(), outcome.status().name(),
                outcome.errorCategory(), outcome.errorCode(), outcome.errorMessage(), outcome.versionBefore(),
                outcome.versionAfter(), outcome.finishedAt());
        return Optional.of(new NewEmail(EmailKind.RESULT, outcome.campaignId(), outcome.orgId(), outcome.commandId(),
                facts, now, null));
    }
}
