package io.upshift.planner.planning.jdbc;

import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignSpec.Selection;
import io.upshift.planner.campaign.domain.PilotWave;
import io.upshift.planner.campaign.domain.Regions;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.orghealth.OrgHealth;
import io.upshift.planner.planning.config.PlanningProperties;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.planning.domain.Pool;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Eligibility in one set-based query over the inventory: every org of the package (its
 * {@code installed_package} rows) and every org the campaign's list names, with the first reason
 * that excludes it (NOT_SELECTED when the selection's filters or list leave it out), or none. The same query counts (for previews and wave sizes), streams the
 * eligible orgs in wave order (pool, then a fixed pseudo-random rank seeded by the campaign id),
 * and pages through the excluded ones. Nothing is loaded whole: 1,000,000 orgs stream through.
 */
@Repository
public class EligibilityQuery {

    private static final String SORT_MEMORY = "256MB";
    /** How many of the package's latest campaigns the push forecasts are read from. */
    private static final int HISTORY_CAMPAIGNS = 3;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;

    private final OrgHealth health;

    EligibilityQuery(DataSource dataSource, PlanningProperties properties, OrgHealth health) {
        this.health = health;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(properties.batchSize());
        this.streaming = new NamedParameterJdbcTemplate(fetching);
    }

    /** Selected orgs by exclusion reason, and eligible ones by pool. */
    public Counts count(UUID campaignId, CampaignSpec spec, TargetVersion target) {
        Query query = query(campaignId, spec, target);
        Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
        Map<Pool, Long> eligible = new EnumMap<>(Pool.class);
        for (Pool pool : Pool.values()) {
            eligible.put(pool, 0L);
        }
        List<Long> pilots = new ArrayList<>();
        spec.strategy().pilotWaves().forEach(p -> pilots.add(0L));
        jdbc.query(query.sql + " select reason, pool, pilot_index, count(*) as n from judged"
                + " group by reason, pool, pilot_index", query.params,
                rs -> {
                    String reason = rs.getString("reason");
                    long n = rs.getLong("n");
                    if (reason == null) {
                        Pool pool = Pool.values()[rs.getInt("pool")];
                        eligible.merge(pool, n, Long::sum);
                        if (pool == Pool.PILOT) {
                            int i = rs.getInt("pilot_index") - 1;
                            pilots.set(i, pilots.get(i) + n);
                        }
                    } else {
                        excluded.merge(ExclusionReason.valueOf(reason), n, Long::sum);
                    }
                });
        return new Counts(eligible, excluded, pilots);
    }

    /** Streams the eligible orgs in wave order; must run inside a transaction (the cursor needs one). */
    public void streamEligible(UUID campaignId, CampaignSpec spec, TargetVersion target, Consumer<EligibleOrg> sink) {
        // the wave-order sort of a large fleet fits in memory instead of spilling to disk (this transaction only)
        jdbc.getJdbcTemplate().execute("set local work_mem = '" + SORT_MEMORY + "'");
        Query query = query(campaignId, spec, target);
        query.params.addValue("seed", campaignId.getLeastSignificantBits());
        // Each org's last successful push of the package, from the commands of the package's last few
        // campaigns (a bounded read however long the history): the forecast the release order
        // starts from (planning/domain/PushForecast).
        query.params.addValue("historyCampaigns", HISTORY_CAMPAIGNS);
        streaming.query(query.sql + """
                 , recent as (
                   select k.campaign_id from campaign k
                   where k.package_id = :packageId and k.campaign_id <> :campaignId and k.started_at is not null
                   order by k.started_at desc limit :historyCampaigns)
                 , last_push as (
                   select distinct on (c.org_id) c.org_id,
                          (extract(epoch from c.finished_at - c.started_at) * 1000)::bigint as last_push_ms
                   from recent r join campaign_command c on c.campaign_id = r.campaign_id
                   where c.outcome_status = 'SUCCEEDED' and c.finished_at >= c.started_at
                   order by c.org_id, c.finished_at desc)
                 select j.*, p.last_push_ms from judged j left join last_push p on p.org_id = j.org_id
                 where j.reason is null
                 order by j.pool, j.pilot_index nulls first, hashtextextended(j.org_id::text, :seed), j.org_id""", query.params,
                rs -> {
                    sink.accept(map(rs));
                });
    }

    /** One page of excluded orgs, by org id after {@code after}, optionally of one reason. */
    public List<Excluded> excluded(UUID campaignId, CampaignSpec spec, TargetVersion target, ExclusionReason reason,
            String after, int limit) {
        Query query = query(campaignId, spec, target);
        query.params.addValue("reason", reason == null ? null : reason.name());
        query.params.addValue("after", after == null ? "" : after);
        query.params.addValue("limit", limit);
        return jdbc.query(query.sql + """
                 select org_id, org_name, org_type, instance, installed_version, reason from judged
                 where reason is not null and (cast(:reason as text) is null or reason = :reason) and org_id > :after
                 order by org_id limit :limit""", query.params,
                (rs, i) -> new Excluded(rs.getString("org_id"), rs.getString("org_name"), rs.getString("org_type"),
                        rs.getString("instance"), rs.getString("installed_version"),
                        ExclusionReason.valueOf(rs.getString("reason"))));
    }

    /**
     * Stores every org the query excludes, with its reason, as the campaign's exclusions (at schedule
     * time, in the scheduling transaction): one set-based statement inside the database, however many.
     * Returns how many were stored.
     */
    public int recordExcluded(UUID campaignId, CampaignSpec spec, TargetVersion target) {
        Query query = query(campaignId, spec, target);
        return jdbc.update(query.sql + """
                 insert into campaign_exclusion (campaign_id, org_id, reason, org_name, org_type, instance,
                                                 installed_version)
                 select :campaignId, org_id, reason, org_name, org_type, instance, installed_version from judged
                 where reason is not null""", query.params);
    }

    private Query query(UUID campaignId, CampaignSpec spec, TargetVersion target) {
        Selection selection = spec.selection();
        // chronic orgs (judged on the package's campaigns before this one) are known whatever the placement, for
        // the notices to say; they are set apart only when the strategy puts them in a last wave. Pilot orgs go
        // to their list's wave before anything else.
        Set<String> chronic = health.chronicOrgIds(spec.packageId(), campaignId);
        List<String> pilotLists = spec.strategy().pilotWaves().stream().map(PilotWave::list).toList();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("packageId", spec.packageId())
                .addValue("campaignId", campaignId)
                .addValue("targetBeta", target.beta())
                .addValue("targetDeprecated", target.deprecated())
                .addValue("excludedIds", Sql.array(selection.excludedOrgIds()))
                .addValue("sandboxesFirst", spec.strategy().sandboxesFirst())
                .addValue("chronicIds", Sql.array(chronic))
                .addValue("chronicLast", spec.strategy().chronicOrgs().lastWave())
                .addValue("pilotLists", Sql.array(pilotLists));
        PackageVersionNumber v = target.version();
        params.addValue("tMajor", v.major()).addValue("tMinor", v.minor()).addValue("tPatch", v.patch())
                .addValue("tBuild", v.build());

        boolean byList = !selection.orgIds().isEmpty();
        StringBuilder sql = new StringBuilder("with ");
        if (byList) {
            // the package's orgs and the listed ones: a listed org of the package is chosen, the package's
            // other orgs are NOT_SELECTED, a listed org unknown to the inventory is UNKNOWN_ORG
            params.addValue("orgIds", Sql.array(selection.orgIds()));
            sql.append("""
                    requested as (select distinct unnest(cast(:orgIds as char(18)[])) as org_id),
                    package_orgs as (
                      select coalesce(ip.org_id, r.org_id) as org_id, r.org_id is not null as listed
                      from (select org_id from installed_package where package_id = :packageId) ip
                      full join requested r on r.org_id = ip.org_id),
                    """);
        }
        sql.append("""
                pilot as (
                  select m.org_id, min(array_position(cast(:pilotLists as text[]), l.name)) as pilot_index
                  from pilot_list l join pilot_list_member m on m.list_id = l.list_id
                  where l.name = any(cast(:pilotLists as text[])) group by m.org_id),
                """);
        sql.append("selected as (select ");
        if (byList) {
            sql.append("p.org_id, o.org_id is null as unknown, ");
        } else {
            sql.append("o.org_id, false as unknown, ");
        }
        sql.append("""
                o.org_name, coalesce(o.org_type, 'PRODUCTION') as org_type, o.status,
                coalesce(o.instance, 'UNKNOWN') as instance, o.time_zone, o.window_days, o.window_start, o.window_end,
                o.locale, coalesce(o.admin_emails, '{}') as admin_emails, coalesce(o.excluded, false) as excluded,
                ip.installed_version, ip.major, ip.minor, ip.patch, ip.build, coalesce(ip.beta, false) as beta,
                coalesce(ip.installed, false) as installed, coalesce(ip.push_blocked, false) as push_blocked""");
        List<String> filters = new ArrayList<>();
        if (!selection.orgTypes().isEmpty()) {
            params.addValue("orgTypes", Sql.array(selection.orgTypes().stream().map(OrgType::name).sorted().toList()));
            filters.add("coalesce(o.org_type, 'PRODUCTION') = any(cast(:orgTypes as text[]))");
        }
        if (!selection.instances().isEmpty()) {
            // exact names as they are spelled; prefixes (EU*) without case, as LIKE patterns (campaign/domain/Regions)
            params.addValue("instances", Sql.array(selection.instances().stream()
                    .filter(i -> !Regions.isPrefix(i)).sorted().toList()));
            params.addValue("instancePrefixes", Sql.array(selection.instances().stream()
                    .filter(Regions::isPrefix).map(i -> Regions.likePattern(i, true)).sorted().toList()));
            filters.add("(o.instance = any(cast(:instances as text[]))"
                    + " or upper(o.instance) like any(cast(:instancePrefixes as text[])))");
        }
        if (!selection.timeZones().isEmpty()) {
            // a zone as it is spelled, or a region (Europe/*); an org whose zone is unknown is in none
            params.addValue("timeZones", Sql.array(selection.timeZones().stream()
                    .map(z -> Regions.likePattern(z, false)).sorted().toList()));
            filters.add("o.time_zone like any(cast(:timeZones as text[]))");
        }
        if (selection.installedVersion() != null) {
            PackageVersionNumber min = selection.installedVersion().min() == null ? null
                    : PackageVersionNumber.parseLenient(selection.installedVersion().min()).orElseThrow();
            PackageVersionNumber max = selection.installedVersion().max() == null ? null
                    : PackageVersionNumber.parseLenient(selection.installedVersion().max()).orElseThrow();
            if (min != null) {
                params.addValue("minMajor", min.major()).addValue("minMinor", min.minor())
                        .addValue("minPatch", min.patch()).addValue("minBuild", min.build());
                filters.add("(ip.major, ip.minor, ip.patch, ip.build) >= (:minMajor, :minMinor, :minPatch, :minBuild)");
            }
            if (max != null) {
                params.addValue("maxMajor", max.major()).addValue("maxMinor", max.minor())
                        .addValue("maxPatch", max.patch()).addValue("maxBuild", max.build());
                filters.add("(ip.major, ip.minor, ip.patch, ip.build) <= (:maxMajor, :maxMinor, :maxPatch, :maxBuild)");
            }
        }
        // Whether the selection chooses the org: the filters are judged, not applied, so that an org of the
        // package they leave out is listed as NOT_SELECTED instead of vanishing (a null, e.g. an org without
        // an instance, does not match).
        String matches = filters.isEmpty() ? "true" : "coalesce(" + String.join(" and ", filters) + ", false)";
        if (byList) {
            // an org named in the list but unknown to the inventory stays chosen, to be reported as UNKNOWN_ORG
            sql.append(",\n p.listed and (o.org_id is null or ").append(matches).append(") as chosen");
            sql.append("""

                    from package_orgs p
                    left join subscriber_org o on o.org_id = p.org_id
                    left join installed_package ip on ip.org_id = p.org_id and ip.package_id = :packageId""");
        } else {
            sql.append(",\n ").append(matches).append(" as chosen");
            sql.append("""

                    from installed_package ip join subscriber_org o on o.org_id = ip.org_id
                    where ip.package_id = :packageId""");
        }
        sql.append("""
                ), judged as (
                  select s.*, case
                    when s.unknown then 'UNKNOWN_ORG'
                    when not s.chosen then 'NOT_SELECTED'
                    when :targetBeta then 'TARGET_BETA'
                    when :targetDeprecated then 'TARGET_DEPRECATED'
                    when s.org_id = any(cast(:excludedIds as char(18)[])) then 'EXCLUDED_BY_CAMPAIGN'
                    when s.excluded then 'EXCLUDED'
                    when s.push_blocked then 'BLOCKED_BY_SUBSCRIBER'
                    when s.status = 'INACTIVE' then 'INACTIVE'
                    when s.installed_version is null or not s.installed then 'NOT_INSTALLED'
                    when s.beta then 'BETA_INSTALLED'
                    when (s.major, s.minor, s.patch, s.build) >= (:tMajor, :tMinor, :tPatch, :tBuild) then 'ALREADY_ON_TARGET'
                    -- IN, not a correlated EXISTS: PostgreSQL hashes the other campaigns' orgs once
                    when s.org_id in (select ct.org_id from campaign_target ct join campaign c on c.campaign_id = ct.campaign_id
                                      where c.package_id = :packageId and c.campaign_id <> :campaignId
                                        and c.state in ('SCHEDULED', 'RUNNING', 'PAUSED', 'HALTED')) then 'IN_OTHER_CAMPAIGN'
                  end as reason,
                  -- the pool's ordinal (planning/domain/Pool): PILOT, SANDBOXES, MAIN, CHRONIC; a listed pilot org
                  -- goes first even when chronic (the ISV named it), a chronic sandbox goes last
                  case when pi.pilot_index is not null then 0
                       when :chronicLast and s.org_id = any(cast(:chronicIds as char(18)[])) then 3
                       when :sandboxesFirst and s.org_type = 'SANDBOX' then 1 else 2 end as pool,
                  pi.pilot_index,
                  s.org_id = any(cast(:chronicIds as char(18)[])) as chronic
                  from selected s left join pilot pi on pi.org_id = s.org_id
                )
                """);
        return new Query(sql.toString(), params);
    }

    private static EligibleOrg map(ResultSet rs) throws SQLException {
        return new EligibleOrg(rs.getString("org_id"), rs.getString("org_name"),
                OrgType.valueOf(rs.getString("org_type")), rs.getString("instance"), rs.getString("time_zone"),
                Sql.days(rs.getArray("window_days")), rs.getObject("window_start", LocalTime.class),
                rs.getObject("window_end", LocalTime.class), rs.getString("locale"),
                Sql.strings(rs.getArray("admin_emails")), rs.getString("installed_version"),
                rs.getObject("last_push_ms") == null ? null : Duration.ofMillis(rs.getLong("last_push_ms")),
                Pool.values()[rs.getInt("pool")], rs.getBoolean("chronic"));
    }


    private record Query(String sql, MapSqlParameterSource params) {
    }

    /**
     * Selected orgs: eligible by pool, excluded by reason.
     *
     * @param pilots eligible orgs of each of the strategy's pilot lists, in its order
     */
    public record Counts(Map<Pool, Long> eligible, Map<ExclusionReason, Long> excluded, List<Long> pilots) {

        public Counts(Map<Pool, Long> eligible, Map<ExclusionReason, Long> excluded) {
            this(eligible, excluded, List.of());
        }

        public long eligibleTotal() {
            return eligible.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** An excluded org, for the paginated list. */
    public record Excluded(String orgId, String orgName, String orgType, String instance, String installedVersion,
            ExclusionReason reason) {
    }
}
