package io.upshift.planner.inventory.jdbc;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgFilter;
import io.upshift.planner.inventory.domain.OrgSource;
import io.upshift.planner.inventory.domain.OrgStatus;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.domain.SubscriberOrg;
import io.upshift.planner.inventory.domain.SubscriberOrg.InstalledPackage;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads subscriber orgs (filtered, keyset-paginated by org id) and changes their exclusion. */
@Repository
public class OrgRepository {

    private static final String ORG_COLUMNS = "o.org_id, o.org_name, o.org_type, o.status, o.instance, o.time_zone, "
            + "o.window_days, o.window_start, o.window_end, o.locale, o.admin_emails, o.excluded, o.excluded_note, "
            + "o.source, o.updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    OrgRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One page of orgs in org id order: those after {@code after} (exclusive; null for the first
     * page), at most {@code limit}. With a package in the filter, each org carries that package.
     */
    public List<SubscriberOrg> list(OrgFilter filter, String after, int limit) {
        StringBuilder sql = new StringBuilder("select ").append(ORG_COLUMNS);
        List<Object> params = new ArrayList<>();
        boolean withPackage = filter.packageId() != null;
        boolean notInstalled = Boolean.FALSE.equals(filter.installed());
        if (withPackage) {
            sql.append(", p.package_id, k.name as package_name, p.installed_version, p.major, p.minor, p.patch, ")
                    .append("p.build, p.beta, p.installed, p.updated_at as installed_updated_at");
        }
        sql.append(" from subscriber_org o");
        if (withPackage) {
            sql.append(notInstalled ? " left join" : " join")
                    .append(" installed_package p on p.org_id = o.org_id and p.package_id = ?")
                    .append(" left join package k on k.package_id = p.package_id");
            params.add(filter.packageId());
        }
        sql.append(" where true");
        if (withPackage) {
            sql.append(notInstalled ? " and (p.org_id is null or not p.installed)" : " and p.installed");
        }
        condition(sql, params, "o.org_type = ?", filter.orgType() == null ? null : filter.orgType().name());
        condition(sql, params, "o.status = ?", filter.status() == null ? null : filter.status().name());
        condition(sql, params, "o.instance = ?", filter.instance());
        condition(sql, params, "o.excluded = ?", filter.excluded());
        condition(sql, params, "o.source = ?", filter.source() == null ? null : filter.source().name());
        if (filter.versionAtLeast() != null) {
            version(sql, params, ">=", filter.versionAtLeast());
        }
        if (filter.versionBelow() != null) {
            version(sql, params, "<", filter.versionBelow());
        }
        condition(sql, params, "o.org_id > ?", after);
        sql.append(" order by o.org_id limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((row, n) -> {
            List<InstalledPackage> installed = withPackage && row.getString("package_id") != null
                    ? List.of(installed(row)) : List.of();
            return org(row, installed);
        }).list();
    }

    /** One org with every package it has (or had) installed. */
    public Optional<SubscriberOrg> find(String orgId) {
        Optional<SubscriberOrg> org = jdbc.sql("select " + ORG_COLUMNS + " from subscriber_org o where o.org_id = ?")
                .param(orgId).query((row, n) -> org(row, List.of())).optional();
        if (org.isEmpty()) {
            return org;
        }
        List<InstalledPackage> installed = jdbc.sql("select p.package_id, k.name as package_name, p.installed_version, "
                        + "p.major, p.minor, p.patch, p.build, p.beta, p.installed, p.updated_at as installed_updated_at "
                        + "from installed_package p join package k on k.package_id = p.package_id "
                        + "where p.org_id = ? order by k.name, p.package_id")
                .param(orgId).query((row, n) -> installed(row)).list();
        SubscriberOrg found = org.get();
        return Optional.of(new SubscriberOrg(found.orgId(), found.orgName(), found.orgType(), found.status(),
                found.instance(), found.timeZone(), found.window(), found.locale(), found.adminEmails(),
                found.excluded(), found.excludedNote(), found.source(), found.updatedAt(), installed));
    }

    /** Excludes an org from (or includes it in) future campaigns; false when there is no such org. */
    public boolean setExclusion(String orgId, boolean excluded, String note) {
        return jdbc.sql("update subscriber_org set excluded = ?, excluded_note = ?, updated_at = ? where org_id = ?")
                .params(excluded, note, Timestamp.from(clock.instant()), orgId)
                .update() == 1;
    }

    private static void condition(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            params.add(value);
        }
    }

    private static void version(StringBuilder sql, List<Object> params, String operator, PackageVersionNumber version) {
        sql.append(" and (p.major, p.minor, p.patch, p.build) ").append(operator).append(" (?, ?, ?, ?)");
        params.addAll(List.of(version.major(), version.minor(), version.patch(), version.build()));
    }

    private static SubscriberOrg org(ResultSet row, List<InstalledPackage> installed) throws SQLException {
        LocalTime start = row.getObject("window_start", LocalTime.class);
        LocalTime end = row.getObject("window_end", LocalTime.class);
        List<String> days = strings(row.getArray("window_days"));
        MaintenanceWindow window = start == null || end == null || days.isEmpty() ? null
                : new MaintenanceWindow(days(days), start, end);
        String type = row.getString("org_type");
        String status = row.getString("status");
        return new SubscriberOrg(row.getString("org_id"), row.getString("org_name"),
                type == null ? null : OrgType.valueOf(type), status == null ? null : OrgStatus.valueOf(status),
                row.getString("instance"), row.getString("time_zone"), window, row.getString("locale"),
                strings(row.getArray("admin_emails")), row.getBoolean("excluded"), row.getString("excluded_note"),
                OrgSource.valueOf(row.getString("source")), PackageRepository.instant(row, "updated_at"), installed);
    }

    private static InstalledPackage installed(ResultSet row) throws SQLException {
        return new InstalledPackage(row.getString("package_id"), row.getString("package_name"),
                row.getObject("major") == null ? null // imported for the package without having it
                        : new PackageVersionNumber(row.getInt("major"), row.getInt("minor"), row.getInt("patch"),
                                row.getInt("build")),
                row.getBoolean("beta"), row.getBoolean("installed"), PackageRepository.instant(row, "installed_updated_at"));
    }

    private static Set<DayOfWeek> days(List<String> names) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        names.forEach(name -> days.addAll(MaintenanceWindow.parseDays(name)));
        return days;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
