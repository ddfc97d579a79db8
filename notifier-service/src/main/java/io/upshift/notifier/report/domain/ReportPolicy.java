package io.upshift.notifier.report.domain;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.ReportFacts;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which campaign events the publisher hears about, and under which key, so that one thing
 * that happened is reported once:
 * <ul>
 * <li>WAVE_PASSED → a wave report, once per wave (can be switched off for long ramps);</li>
 * <li>WAVE_HALTED and HALTED → one halt report per halt: the planner announces a halt with both,
 * so both map to the key of the halted wave; a wave that halts again after a person resumed the
 * campaign is a new halt, told apart by how often the campaign was resumed;</li>
 * <li>COMPLETED or CANCELED → the campaign report, once;</li>
 * <li>AT_RISK and BACK_ON_TRACK → an "at risk of missing its deadline" or "back on track" email, once
 * per event (the planner raises each on a change of its projection, so every one is news);</li>
 * <li>WAVE_AWAITING_APPROVAL → an approval request to the approvers (not the report recipients), once per event
 * (the planner asks once per wave, and again after a retry: each ask is one email).</li>
 * </ul>
 */
public final class ReportPolicy {

    private final boolean reportsWanted;
    private final boolean reportPassedWaves;
    private final boolean approvalsWanted;

    /**
     * @param reportsWanted false when nobody is configured to receive reports: then none are queued
     * @param reportPassedWaves whether a passed wave is reported (halts and campaign ends always are)
     */
    public ReportPolicy(boolean reportsWanted, boolean reportPassedWaves) {
        this(reportsWanted, reportPassedWaves, false);
    }

    /**
     * @param approvalsWanted false when no approver is configured: then no approval request is queued
     */
    public ReportPolicy(boolean reportsWanted, boolean reportPassedWaves, boolean approvalsWanted) {
        this.reportsWanted = reportsWanted;
        this.reportPassedWaves = reportPassedWaves;
        this.approvalsWanted = approvalsWanted;
    }

    /**
     * @param resumes how often the campaign had been resumed when the event happened
     */
    public Optional<NewEmail> plan(CampaignEventFacts event, int resumes, Instant now) {
        ReportFacts facts = new ReportFacts(event.eventId(), event.type().name(), event.waveNumber(), event.reason(),
                event.counts(), event.at(), event.deadline(), event.projectedFinish(), event.orgsAtRisk());
        if (event.type() == CampaignEventFacts.Type.WAVE_AWAITING_APPROVAL) {
            return approvalsWanted && event.waveNumber() != null
                    ? Optional.of(email(EmailKind.APPROVAL_REQUEST, event, "approval-" + event.eventId(), facts, now))
                    : Optional.empty();
        }
        if (!reportsWanted) {
            return Optional.empty();
        }
        return switch (event.type()) {
            case WAVE_PASSED -> reportPassedWaves && event.waveNumber() != null
                    ? Optional.of(email(EmailKind.WAVE_PASSED_REPORT, event, "wave-" + event.waveNumber() + "-passed",
                            facts, now))
                    : Optional.empty();
            case WAVE_HALTED, HALTED -> Optional.of(email(EmailKind.HALTED_REPORT, event,
                    "halt-wave-" + (event.waveNumber() == null ? "none" : event.waveNumber()) + "-resume-" + resumes,
                    facts, now));
            case COMPLETED, CANCELED -> Optional.of(email(EmailKind.CAMPAIGN_ENDED_REPORT, event, "ended", facts, now));
            case AT_RISK -> Optional.of(email(EmailKind.AT_RISK_REPORT, event, "at-risk-" + event.eventId(), facts, now));
            case BACK_ON_TRACK -> Optional.of(email(EmailKind.BACK_ON_TRACK_REPORT, event,
                    "back-on-track-" + event.eventId(), facts, now));
            default -> Optional.empty();
        };
    }

    private static NewEmail email(EmailKind kind, CampaignEventFacts event, String key, ReportFacts facts, Instant now) {
        return new NewEmail(kind, event.campaignId(), "", key, facts, now, null);
    }
}
