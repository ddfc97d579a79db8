package io.upshift.planner.campaign.jdbc;

import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.TargetVersion;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
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

    /** The package's version with this number (4.2.1 and 4.2.1.0 are the same), if there is one. */
    public Optional<TargetVersion> version(String packageId, PackageVersionNumber number) {
        return jdbc.sql("""
                select v.version_id, v.version_number, v.major, v.minor, v.patch, v.build, v.release_state,
                       v.deprecated, v.release_notes_url, p.name as package_name
                from package_version v join package p on p.package_id = v.package_id
                where v.package_id = ? and v.major = ? and v.minor = ? and v.patch = ? and v.build = ?""")
                .params(packageId, number.major(), number.minor(), number.patch(), number.build())
                .query((rs, i) -> new TargetVersion(packageId, rs.getString("package_name"), rs.getString("version_id"),
                        rs.getString("version_number"),
                        new PackageVersionNumber(rs.getInt("major"), rs.getInt("minor"), rs.getInt("patch"), rs.getInt("build")),
                        "BETA".equals(rs.getString("release_state")), rs.getBoolean("deprecated"),
                        rs.getString("release_notes_url")))
                .optional();
    }
}
