package io.upshift.notifier.email.domain;

import java.util.Locale;

/** What an email is for. Each kind has its own facts, template and subject line. */
public enum EmailKind {
    /** The upgrade of an org was scheduled: its window, versions and whom to contact. */
    ADVANCE_NOTICE(Audience.SUBSCRIBER, NoticeFacts.class, "notice"),
    /** A configurable time before the window. */
    REMINDER(Audience.SUBSCRIBER, NoticeFacts.class, "notice"),
    /** The window moved. */
    RESCHEDULED(Audience.SUBSCRIBER, NoticeFacts.class, "notice"),
    /** The upgrade will not happen in this campaign. */
    CANCELED(Audience.SUBSCRIBER, NoticeFacts.class, "notice"),
    /** The org's upgrade finished: succeeded, failed, timed out or skipped. */
    RESULT(Audience.SUBSCRIBER, ResultFacts.class, "result"),
    /** To the publisher: a wave passed its gate. */
    WAVE_PASSED_REPORT(Audience.PUBLISHER, ReportFacts.class, "report"),
    /** To the publisher: a wave tripped its gate and the campaign halted. */
    HALTED_REPORT(Audience.PUBLISHER, ReportFacts.class, "report"),
    /** To the publisher: the campaign completed or was canceled. */
    CAMPAIGN_ENDED_REPORT(Audience.PUBLISHER, ReportFacts.class, "report"),
    /** To the publisher: the planner projects the campaign to finish after its deadline (or not at all). */
    AT_RISK_REPORT(Audience.PUBLISHER, ReportFacts.class, "risk"),
    /** To the publisher: the projection is back before the deadline. */
    BACK_ON_TRACK_REPORT(Audience.PUBLISHER, ReportFacts.class, "risk"),
    /** To the approvers: a wave waits for a person's approval (#20). */
    APPROVAL_REQUEST(Audience.PUBLISHER, ReportFacts.class, "approval");

    /** Who reads it: subscriber emails go to an org's contacts, reports to the ISV's release team. */
    public enum Audience { SUBSCRIBER, PUBLISHER }

    private final Audience audience;
    private final Class<? extends EmailFacts> factsType;
    private final String template;

    EmailKind(Audience audience, Class<? extends EmailFacts> factsType, String template) {
        this.audience = audience;
        this.factsType = factsType;
        this.template = template;
    }

    public Audience audience() {
        return audience;
    }

    public Class<? extends EmailFacts> factsType() {
        return factsType;
    }

    /** The template (without locale or extension) the email is rendered from. */
    public String template() {
        return template;
    }

    /** The name used in configuration keys, template keys and metric tags: {@code advance-notice}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
