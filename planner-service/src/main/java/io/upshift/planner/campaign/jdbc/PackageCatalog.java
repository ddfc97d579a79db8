package io.upshift.planner.campaign.jdbc;

import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.inventory.domain.PackageVersion;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.domain.ReleaseState;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the inventory's packages and versions (tables owned by the inventory feature). */
@Repository
public class PackageCatalog {

    private final JdbcClient jdbc;

    PackageCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The version a campaign definition names, as the catalogue knows it now: 404 when the package or
     * the version is unknown, 422 when the text is not a version number.
     */
    public TargetVersion target(CampaignSpec spec) {
        if (packageName(spec.packageId()).isEmpty()) {
            throw new NotFoundException("package", spec.packageId());
        }
        PackageVersionNumber number = PackageVersionNumber.parseLenient(spec.targetVersion())
                .orElseThrow(() -> new UnprocessableException("not a version",
                        List.of(Reason.of("targetVersion", "is not a version number like 4.2.1"))));
        return version(spec.packageId(), number).orElseThrow(() -> new NotFoundException(
                "version " + spec.targetVersion() + " of package", spec.packageId()));
    }

    public Optional<String> packageName(String packageId) {
        return jdbc.sql("select name from package where package_id = ?").param(packageId)
                .query(String.class).optional();
    }

    /**
     * The package's version this number names, if there is one: when a beta and a release share the
     * number, the release ({@link PackageVersion#named}, which also says how a build is matched).
     */
    public Optional<TargetVersion> version(String packageId, PackageVersionNumber number) {
        record Row(PackageVersion version, String packageName) {
        }
        List<Row> sameNumber = jdbc.sql("""
                select v.version_id, v.major, v.minor, v.patch, v.build, v.name, v.release_state, v.deprecated,
                       v.release_notes_url, v.created_at, p.name as package_name
                from package_version v join package p on p.package_id = v.package_id
                where v.package_id = ? and v.major = ? and v.minor = ? and v.patch = ?""")
                .params(packageId, number.major(), number.minor(), number.patch())
                .query((rs, i) -> new Row(new PackageVersion(rs.getString("version_id"), packageId,
                        new PackageVersionNumber(rs.getInt("major"), rs.getInt("minor"), rs.getInt("patch"), rs.getInt("build")),
                        rs.getString("name"), ReleaseState.valueOf(rs.getString("release_state")),
                        rs.getBoolean("deprecated"), rs.getString("release_notes_url"),
                        rs.getTimestamp("created_at").toInstant()), rs.getString("package_name")))
                .list();
        return PackageVersion.named(number, sameNumber.stream().map(Row::version).toList()).map(v -> new TargetVersion(
                packageId, sameNumber.getFirst().packageName(), v.versionId(), v.number().toString(), v.number(),
                v.releaseState() == ReleaseState.BETA, v.deprecated(), v.releaseNotesUrl()));
    }
}
