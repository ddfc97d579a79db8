package io.upshift.planner.subscriber;

import io.upshift.common.links.LinkSettings;
import io.upshift.common.links.SubscriberLinks;
import io.upshift.messages.SubscriberNotice;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.PackageCatalog;
import io.upshift.planner.campaign.jdbc.TargetStore;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.outbox.Outbox;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.planner.planning.Planner;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.domain.WindowPlanner;
import io.upshift.planner.planning.kafka.Notices;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.planner.subscriber.config.SubscriberProperties;
import io.upshift.planner.subscriber.domain.RequestRules;
import io.upshift.planner.subscriber.domain.RequestRules.Action;
import io.upshift.planner.subscriber.domain.RequestRules.Outcome;
import io.upshift.planner.subscriber.domain.SubscriberView;
import io.upshift.planner.subscriber.domain.WindowChoices;
import io.upshift.planner.subscriber.jdbc.SubscriberRequestStore;
import io.upshift.security.audit.domain.AuditEntry;
import io.upshift.security.audit.domain.AuditLog;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies subscribers' requests (move my window, skip this campaign) and answers what their page may
 * show. The planner stays the only writer of targets: the portal only asks. Each request is applied
 * at most once (its id is recorded in the transaction of the change), under the campaign's lock, after
 * the link is checked again here — the portal is public-facing, so the planner trusts nothing it
 * relays. A refused request is recorded too (and audited) and changes nothing else.
 */
@Component
public class SubscriberRequests {

    private static final Logger log = LoggerFactory.getLogger(SubscriberRequests.class);
    private static final int REASON_MAX = 500;

    private final Optional<SubscriberLinks> links;
    private final CampaignStore campaigns;
    private final TargetStore targets;
    private final WaveStore waves;
    private final PackageCatalog catalog;
    private final Planner planner;
    private final Outbox outbox;
    private final PlanningProperties planning;
    private final SubscriberRequestStore requests;
    private final AuditLog audit;
    private final SubscriberProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SubscriberRequests(LinkSettings linkSettings, CampaignStore campaigns, TargetStore targets, WaveStore waves,
            PackageCatalog catalog, Planner planner, Outbox outbox, PlanningProperties planning,
            SubscriberRequestStore requests, AuditLog audit, SubscriberProperties properties,
            TransactionTemplate transactions, Clock clock) {
        this.links = linkSettings.links();
        this.campaigns = campaigns;
        this.targets = targets;
        this.waves = waves;
        this.catalog = catalog;
        this.planner = planner;
        this.outbox = outbox;
        this.planning = planning;
        this.requests = requests;
        this.audit = audit;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A request as it arrived (from the portal, over Kafka). */
    public record Request(UUID requestId, UUID campaignId, String orgId, String link, Action action,
            Instant windowStart, Instant windowEnd, String reason, Instant requestedAt) {
    }

    /** Applies the request once; a redelivery (same request id) returns empty and changes nothing. */
    public Optional<Outcome> apply(Request request) {
        return transactions.execute(status -> {
            if (requests.seen(request.requestId())) {
                return Optional.<Outcome>empty();
            }
            Instant now = clock.instant();
            String reason = request.reason() == null ? null
                    : request.reason().strip().substring(0, Math.min(REASON_MAX, request.reason().strip().length()));
            Optional<Campaign> locked = campaigns.lock(request.campaignId());
            Optional<TargetStore.Org> org = locked.flatMap(c -> targets.find(c.id(), request.orgId()));
            Outcome outcome;
            String keyId = null;
            if (locked.isEmpty() || org.isEmpty()) {
                outcome = Outcome.UNKNOWN_ORG;
            } else {
                int changes = requests.changesMade(request.campaignId(), request.orgId());
                SubscriberLinks.Check check = links.<SubscriberLinks.Check>map(l -> l.checkChange(request.link(), now,
                        request.campaignId(), request.orgId(), changes))
                        .orElse(new SubscriberLinks.Refused(SubscriberLinks.Rejection.UNKNOWN_KEY));
                if (check instanceof SubscriberLinks.Refused refused) {
                    outcome = refused.reason() == SubscriberLinks.Rejection.CHANGES_USED_UP ? Outcome.CHANGES_USED_UP
                            : Outcome.LINK_REFUSED;
                } else {
                    keyId = ((SubscriberLinks.Valid) check).link().keyId();
                    outcome = applyChecked(request, locked.get(), org.get(), changes, reason, now);
                }
            }
            requests.record(new SubscriberRequestStore.Stored(request.requestId(), request.campaignId(),
                    request.orgId(), request.action() == null ? "UNKNOWN" : request.action().name(), outcome,
                    request.windowStart(), request.windowEnd(), reason, keyId, request.requestedAt()), now);
            if (locked.isPresent()) {
                // the ISV reads it in the campaign's audit trail, beside people's calls
                audit.record(new AuditEntry(0, now, "subscriber:" + request.orgId(), null, "POST",
                        "subscriber-request " + (request.action() == null ? "UNKNOWN" : request.action().name())
                                + " " + outcome.name(),
                        "/subscriber-requests/" + request.requestId(), "campaigns", request.campaignId().toString(),
                        "subscriber-portal", outcome == Outcome.APPLIED ? 200 : 409));
            }
            log.info("subscriber request {} of org {} in campaign {}: {} -> {}", request.requestId(), request.orgId(),
                    request.campaignId(), request.action(), outcome);
            return Optional.of(outcome);
        });
    }

    private Outcome applyChecked(Request request, Campaign campaign, TargetStore.Org org, int changes, String reason,
            Instant now) {
        TimeWindow chosen = request.windowStart() == null || request.windowEnd() == null
                || !request.windowEnd().isAfter(request.windowStart()) ? null
                : new TimeWindow(request.windowStart(), request.windowEnd());
        List<TimeWindow> choices = request.action() == Action.MOVE && allowed(campaign, org, now, chosen)
                ? List.of(chosen) : List.of();
        Outcome outcome = RequestRules.decide(request.action(), campaign.state(), org.state(), changes,
                maxChanges(), campaign.spec().schedule().subscriberMayOptOut(), choices, chosen);
        if (outcome != Outcome.APPLIED) {
            return outcome;
        }
        TargetVersion target = catalog.target(campaign.spec());
        String support = planning.supportContactOf(campaign.spec());
        UUID noticeId = UUID.randomUUID();
        OutgoingMessage notice;
        if (request.action() == Action.MOVE) {
            // the org stays in its wave and joins its tail (subscriber/DESIGN.md)
            targets.moveWindows(campaign.id(), List.of(org.orgId()), List.of(chosen.start()), List.of(chosen.end()),
                    List.of(noticeId), now);
            notice = Notices.notice(noticeId, Notices.Kind.RESCHEDULED, campaign, Notices.recipient(org), chosen,
                    target.releaseNotesUrl(), support);
        } else {
            if (!requests.optOut(campaign.id(), org.orgId(), reason, now)) {
                return Outcome.TOO_LATE;
            }
            waves.add(campaign.id(), Map.of(org.wave(), WaveStore.move(org.state(), TargetState.CANCELED, 1)));
            notice = Notices.notice(noticeId, Notices.Kind.CANCELED, campaign, Notices.recipient(org),
                    new TimeWindow(org.plannedStart(), org.plannedEnd()), target.releaseNotesUrl(), support);
            ((SubscriberNotice) notice.value()).setSubscriberReason(reason);
        }
        ((SubscriberNotice) notice.value()).setSubscriberRequestId(request.requestId());
        outbox.append(List.of(notice));
        return Outcome.APPLIED;
    }

    /** What the page of a checked link shows: the org, its window, its stage, the choices; empty for an unknown org. */
    public Optional<SubscriberView> view(UUID campaignId, String orgId) {
        Instant now = clock.instant();
        Optional<Campaign> found = campaigns.find(campaignId);
        Optional<TargetStore.Org> org = found.flatMap(c -> targets.find(campaignId, orgId));
        if (org.isEmpty()) {
            return Optional.empty();
        }
        Campaign campaign = found.get();
        TargetStore.Org target = org.get();
        TargetVersion version = catalog.target(campaign.spec());
        SubscriberRequestStore.Result result = requests.result(campaignId, orgId).orElseThrow();
        boolean waiting = target.state().isWaiting() && RequestRules.campaignOpen(campaign.state());
        int changesLeft = Math.max(0, maxChanges() - requests.changesMade(campaignId, orgId));
        String stage = waiting ? "WAITING"
                : target.state() == TargetState.DISPATCHED ? "UNDER_WAY"
                : target.state() == TargetState.CANCELED || target.state().isWaiting() ? "SKIPPED" : "DONE";
        List<SubscriberView.Choice> choices = waiting && changesLeft > 0
                ? choices(campaign, target, now).stream().map(w -> new SubscriberView.Choice(w.start(), w.end()))
                        .toList()
                : List.of();
        return Optional.of(new SubscriberView(orgId, target.orgName(), campaign.packageName(), target.fromVersion(),
                campaign.spec().targetVersion(), version.releaseNotesUrl(),
                target.timeZone() == null || target.timeZone().isBlank() ? "UTC" : target.timeZone(), target.locale(),
                target.plannedStart(), target.plannedEnd(), stage, waiting ? null : result.state(),
                waiting ? null : result.errorCode(), result.versionAfter(), choices,
                waiting && changesLeft > 0 && campaign.spec().schedule().subscriberMayOptOut(), changesLeft,
                planning.supportContactOf(campaign.spec())));
    }

    private List<TimeWindow> choices(Campaign campaign, TargetStore.Org org, Instant now) {
        ZoneId zone;
        try {
            zone = WindowPlanner.zoneOf(org.timeZone());
        } catch (DateTimeException badZone) {
            return List.of();
        }
        TimeWindow planned = new TimeWindow(org.plannedStart(), org.plannedEnd());
        return WindowChoices.next(planner.upgradeWindows(campaign.spec()), zone,
                MaintenanceWindow.ofStored(org.days(), org.windowStart(), org.windowEnd()),
                campaign.spec().schedule().firstStart(now), planned, properties.choices());
    }

    private boolean allowed(Campaign campaign, TargetStore.Org org, Instant now, TimeWindow chosen) {
        try {
            return WindowChoices.allowed(planner.upgradeWindows(campaign.spec()), WindowPlanner.zoneOf(org.timeZone()),
                    MaintenanceWindow.ofStored(org.days(), org.windowStart(), org.windowEnd()),
                    campaign.spec().schedule().firstStart(now), new TimeWindow(org.plannedStart(), org.plannedEnd()),
                    chosen);
        } catch (DateTimeException badZone) {
            return false;
        }
    }

    private int maxChanges() {
        return links.map(SubscriberLinks::maxChanges).orElse(0);
    }

    /** Whether links are configured: without keys no link is accepted. */
    public boolean enabled() {
        return links.isPresent();
    }

    /** Checks an expired link's authenticity only, for a read-only view of what became of the upgrade. */
    public SubscriberLinks.Check checkEvenIfExpired(String link) {
        return links.<SubscriberLinks.Check>map(l -> l.readEvenIfExpired(link))
                .orElse(new SubscriberLinks.Refused(SubscriberLinks.Rejection.UNKNOWN_KEY));
    }

    /** Checks a link for a view; the portal has checked it too, the planner trusts only its own check. */
    public SubscriberLinks.Check check(String link) {
        return links.<SubscriberLinks.Check>map(l -> l.read(link, clock.instant()))
                .orElse(new SubscriberLinks.Refused(SubscriberLinks.Rejection.UNKNOWN_KEY));
    }
}
