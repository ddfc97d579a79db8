package io.upshift.planner.train;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.CancelCodes;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.jdbc.WaveStore;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.operations.CampaignControls;
import io.upshift.planner.operations.CampaignDrafts;
import io.upshift.planner.operations.CampaignScheduling;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import io.upshift.planner.train.domain.Requirement;
import io.upshift.planner.train.domain.TierPlan;
import io.upshift.planner.train.domain.TrainState;
import io.upshift.planner.train.jdbc.TrainStore;
import io.upshift.planner.train.jdbc.TrainStore.Tier;
import io.upshift.planner.train.jdbc.TrainStore.Train;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Release trains (#22): each tier is an ordinary campaign created, scheduled, paused, resumed, canceled
 * and approved through the campaign operations, all tiers in one transaction — so a train is never half
 * scheduled, and one approval covers every tier that waits (four eyes per campaign, as ever). The
 * per-org dependency rule is the dispatcher's ({@code dispatch/jdbc/DependencyHolds}); a base tier's halt
 * is followed by {@link HaltFollower}.
 */
@Service
public class ReleaseTrains {

    private final TrainStore trains;
    private final CampaignDrafts campaigns;
    private final CampaignScheduling scheduling;
    private final CampaignControls controls;
    private final WaveStore waves;
    private final Clock clock;
    private final TransactionTemplate transactions;

    ReleaseTrains(TrainStore trains, CampaignDrafts campaigns, CampaignScheduling scheduling, CampaignControls controls,
            WaveStore waves, Clock clock, PlatformTransactionManager transactionManager) {
        this.trains = trains;
        this.campaigns = campaigns;
        this.scheduling = scheduling;
        this.controls = controls;
        this.waves = waves;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One tier as asked for: its campaign's definition and what it needs of an earlier tier (null: nothing). */
    public record TierRequest(CampaignSpec campaign, Requirement requires) {
    }

    /** A train with its tiers' campaigns as they stand. */
    public record TrainStatus(Train train, CampaignState state, List<TierStatus> tiers) {
    }

    /** A tier: its row, its campaign, its counts over every wave, and how many of its orgs were skipped for their base. */
    public record TierStatus(Tier tier, Campaign campaign, WaveCounts counts, int dependencyNotMet) {
    }

    /** Creates the train and a DRAFT campaign per tier; 422 (nothing stored) when the tiers do not make a train. */
    public TrainStatus create(String name, List<TierRequest> tiers, String creator) {
        List<Reason> problems = TierPlan.check(tiers.stream().map(t -> new TierPlan(t.campaign().packageId(),
                PackageVersionNumber.parseLenient(t.campaign().targetVersion()).orElseThrow(), t.requires())).toList())
                .stream().map(p -> Reason.of(p.field(), p.message())).toList();
        if (!problems.isEmpty()) {
            throw new UnprocessableException("these tiers do not make a release train", problems);
        }
        UUID id = UUID.randomUUID();
        return transactions.execute(status -> {
            Map<String, UUID> campaignOf = new HashMap<>();
            List<Tier> rows = new ArrayList<>();
            for (int i = 0; i < tiers.size(); i++) {
                TierRequest t = tiers.get(i);
                Campaign campaign = campaigns.create(t.campaign());
                campaignOf.put(campaign.spec().packageId(), campaign.id());
                rows.add(new Tier(i + 1, campaign.id(), campaign.spec().packageId(), t.requires(),
                        t.requires() == null ? null : campaignOf.get(t.requires().packageId())));
            }
            Train train = new Train(id, name, creator, clock.instant());
            trains.insert(train, rows);
            return status(train);
        });
    }

    public TrainStatus get(UUID id) {
        return status(train(id));
    }

    public List<TrainStatus> list(int offset, int limit) {
        return trains.list(offset, limit).stream().map(this::status).toList();
    }

    /** The train's tiers with their DRAFT campaigns, for a preview; 409 once any tier left DRAFT. */
    public List<TierStatus> drafts(UUID id) {
        TrainStatus status = get(id);
        if (status.state() != CampaignState.DRAFT) {
            throw new ConflictException("a preview shows what scheduling a DRAFT train would plan; train " + id + " is "
                    + status.state() + ": its tiers' plans are in GET /api/v1/campaigns/{campaignId}", status.state().name());
        }
        return status.tiers();
    }

    /**
     * Schedules every DRAFT tier, base tiers first, in one transaction: either the whole train is
     * scheduled or nothing is (a tier's 422 names the tier's campaign). Each requirement is checked again
     * against the tiers' current targets: a draft's target may have been edited since the train was created.
     */
    public TrainStatus schedule(UUID id, String by) {
        return transactions.execute(status -> {
            TrainStatus before = get(id);
            List<Reason> problems = new ArrayList<>(TierPlan.check(before.tiers().stream().map(t -> new TierPlan(
                    t.tier().packageId(), PackageVersionNumber.parseLenient(t.campaign().spec().targetVersion()).orElseThrow(),
                    t.tier().requires())).toList()).stream().map(p -> Reason.of(p.field(), p.message())).toList());
            // a tier's draft edited to push another package would make its successes count for the wrong base
            before.tiers().stream().filter(t -> !t.campaign().spec().packageId().equals(t.tier().packageId()))
                    .forEach(t -> problems.add(Reason.of("tiers[" + (t.tier().position() - 1) + "].campaign.packageId",
                            "campaign " + t.campaign().id() + " now pushes package " + t.campaign().spec().packageId()
                                    + ", not the tier's " + t.tier().packageId())));
            if (!problems.isEmpty()) {
                throw new UnprocessableException("train " + id + " cannot be scheduled", problems);
            }
            boolean any = false;
            for (TierStatus tier : before.tiers()) {
                if (tier.campaign().state().canBeScheduled()) {
                    scheduling.schedule(tier.campaign().id(), null, by);
                    any = true;
                }
            }
            if (!any) {
                throw new ConflictException("no tier of train " + id + " is a DRAFT", before.state().name());
            }
            return get(id);
        });
    }

    /** Pauses every tier that can be paused. */
    public TrainStatus pause(UUID id, String reason) {
        return each(id, false, c -> c.state().canBePaused(), c -> controls.pause(c.id(), null, reason), "pause");
    }

    /** Resumes every paused or halted tier, base tiers first (a dependent tier resumed before its base would halt again). */
    public TrainStatus resume(UUID id) {
        return each(id, false, c -> c.state().canBeResumed(), c -> controls.resume(c.id(), null), "resume");
    }

    /** Cancels every tier not finished, dependent tiers first. */
    public TrainStatus cancel(UUID id, String reason) {
        return each(id, true, c -> c.state().canBeCanceled(), c -> controls.cancel(c.id(), null, reason), "cancel");
    }

    /**
     * Approves the train's waiting step: every tier with a wave waiting for approval, in one transaction.
     * The approver must pass the four-eyes rule of each (403 for one means none is approved); 409 when no
     * tier waits.
     */
    public TrainStatus approve(UUID id, String by) {
        return transactions.execute(status -> {
            TrainStatus before = get(id);
            boolean any = false;
            for (TierStatus tier : before.tiers()) {
                if (waves.list(tier.campaign().id()).stream().anyMatch(Wave::awaitingApproval)) {
                    controls.approve(tier.campaign().id(), null, null, by);
                    any = true;
                }
            }
            if (!any) {
                throw new ConflictException("no tier of train " + id + " has a wave waiting for approval",
                        before.state().name());
            }
            return get(id);
        });
    }

    private TrainStatus each(UUID id, boolean dependentsFirst, java.util.function.Predicate<Campaign> applies,
            Function<Campaign, Campaign> action, String verb) {
        return transactions.execute(status -> {
            TrainStatus before = get(id);
            List<TierStatus> order = new ArrayList<>(before.tiers());
            if (dependentsFirst) {
                java.util.Collections.reverse(order);
            }
            boolean any = false;
            for (TierStatus tier : order) {
                if (applies.test(tier.campaign())) {
                    action.apply(tier.campaign());
                    any = true;
                }
            }
            if (!any) {
                throw new ConflictException("no tier of train " + id + " can " + verb + " now", before.state().name());
            }
            return get(id);
        });
    }

    private Train train(UUID id) {
        return trains.find(id).orElseThrow(() -> new NotFoundException("train", id));
    }

    private TrainStatus status(Train train) {
        List<TierStatus> tiers = trains.tiers(train.id()).stream().map(tier -> {
            Campaign campaign = campaigns.get(tier.campaignId());
            WaveCounts counts = waves.list(tier.campaignId()).stream().map(Wave::counts)
                    .reduce(WaveCounts.ZERO, WaveCounts::plus);
            int skipped = tier.requires() == null || counts.canceled() == 0 ? 0
                    : trains.dependencyNotMet(tier.campaignId(), CancelCodes.DEPENDENCY_NOT_MET);
            return new TierStatus(tier, campaign, counts, skipped);
        }).toList();
        return new TrainStatus(train, TrainState.of(tiers.stream().map(t -> t.campaign().state()).toList()), tiers);
    }
}
