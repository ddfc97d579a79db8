package io.upshift.planner.train.jdbc;

import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.shared.jdbc.Sql;
import io.upshift.planner.train.domain.Requirement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Trains and their tiers (each tier a campaign), and what the train feature reads of the inventory. */
@Repository
public class TrainStore {

    private final JdbcTemplate jdbc;

    TrainStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A train as stored. */
    public record Train(UUID id, String name, String createdBy, Instant createdAt) {
    }

    /**
     * One tier: its position (1 first), its campaign and package, and what it requires (null: nothing),
     * with the campaign of the tier that provides it.
     */
    public record Tier(int position, UUID campaignId, String packageId, Requirement requires, UUID requiresCampaignId) {
    }

    public void insert(Train train, List<Tier> tiers) {
        jdbc.update("insert into train (train_id, name, created_by, created_at) values (?, ?, ?, ?)",
                train.id(), train.name(), train.createdBy(), Sql.ts(train.createdAt()));
        for (Tier tier : tiers) {
            Requirement r = tier.requires();
            PackageVersionNumber min = r == null ? null : r.minimum();
            jdbc.update("""
                    insert into train_tier (train_id, position, campaign_id, package_id, requires_package_id,
                                            requires_campaign_id, min_version, min_major, min_minor, min_patch, min_build)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    train.id(), tier.position(), tier.campaignId(), tier.packageId(), r == null ? null : r.packageId(),
                    tier.requiresCampaignId(), min == null ? null : min.toString(), min == null ? null : min.major(),
                    min == null ? null : min.minor(), min == null ? null : min.patch(), min == null ? null : min.build());
        }
    }

    public Optional<Train> find(UUID id) {
        return jdbc.query("select * from train where train_id = ?", TrainStore::train, id).stream().findFirst();
    }

    /** Trains, newest first. */
    public List<Train> list(int offset, int limit) {
        return jdbc.query("select * from train order by created_at desc, train_id offset ? limit ?", TrainStore::train,
                offset, limit);
    }

    /** The tiers of a train, first first. */
    public List<Tier> tiers(UUID trainId) {
        return jdbc.query("select * from train_tier where train_id = ? order by position", TrainStore::tier, trainId);
    }

    /** A dependent tier whose base tier's campaign is HALTED while the tier itself still runs (or is paused). */
    public record HaltedBase(UUID trainId, UUID campaignId, UUID baseCampaignId, String baseName, String baseReason) {
    }

    public List<HaltedBase> tiersWithHaltedBase() {
        return jdbc.query("""
                select d.train_id, d.campaign_id, b.campaign_id as base_id, b.name as base_name,
                       b.state_reason as base_reason
                from campaign b
                join train_tier d on d.requires_campaign_id = b.campaign_id
                join campaign c on c.campaign_id = d.campaign_id
                where b.state = 'HALTED' and c.state in ('RUNNING', 'PAUSED')""",
                (rs, i) -> new HaltedBase(Sql.uuid(rs, "train_id"), Sql.uuid(rs, "campaign_id"), Sql.uuid(rs, "base_id"),
                        rs.getString("base_name"), rs.getString("base_reason")));
    }

    /** The orgs that have the package installed at or above {@code minimum} (not a beta): the base met already. */
    public Set<String> orgsMeeting(Requirement requirement) {
        PackageVersionNumber m = requirement.minimum();
        return Set.copyOf(jdbc.queryForList("""
                select org_id from installed_package where package_id = ? and installed and not beta
                  and (major, minor, patch, build) >= (?, ?, ?, ?)""",
                String.class, requirement.packageId(), m.major(), m.minor(), m.patch(), m.build()));
    }

    /** How many orgs of a tier's campaign ended CANCELED because their base was not met. */
    public int dependencyNotMet(UUID campaignId, String cancelCode) {
        Integer n = jdbc.queryForObject("""
                select count(*) from campaign_target where campaign_id = ? and state = 'CANCELED' and error_code = ?""",
                Integer.class, campaignId, cancelCode);
        return n == null ? 0 : n;
    }

    private static Train train(ResultSet rs, int row) throws SQLException {
        return new Train(Sql.uuid(rs, "train_id"), rs.getString("name"), rs.getString("created_by"),
                Sql.instant(rs, "created_at"));
    }

    private static Tier tier(ResultSet rs, int row) throws SQLException {
        String requires = rs.getString("requires_package_id");
        Requirement requirement = requires == null ? null : new Requirement(requires, new PackageVersionNumber(
                rs.getInt("min_major"), rs.getInt("min_minor"), rs.getInt("min_patch"), rs.getInt("min_build")));
        return new Tier(rs.getInt("position"), Sql.uuid(rs, "campaign_id"), rs.getString("package_id"), requirement,
                Sql.uuid(rs, "requires_campaign_id"));
    }
}
