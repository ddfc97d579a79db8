package io.upshift.planner.inventory.jdbc;

import io.upshift.planner.inventory.domain.ManagedPackage;
import io.upshift.planner.inventory.domain.PackageVersion;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.domain.ReleaseState;
import io.upshift.planner.shared.domain.ConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores and reads the ISV's packages and their versions. */
@Repository
public class PackageRepository {

    private static final String VERSION_COLUMNS = "version_id, package_id, major, minor, patch, build, name, "
            + "release_state, deprecated, release_notes_url, created_at";

    private final JdbcClient jdbc;

    PackageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws ConflictException when a package with that id exists */
    public void create(ManagedPackage pkg) {
        try {
            jdbc.sql("insert into package (package_id, name, namespace, created_at) values (?, ?, ?, ?)")
                    .params(pkg.packageId(), pkg.name(), pkg.namespace(), Timestamp.from(pkg.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("package " + pkg.packageId() + " exists already", null);
        }
    }

    public Optional<ManagedPackage> find(String packageId) {
        return jdbc.sql("select package_id, name, namespace, created_at from package where package_id = ?")
                .param(packageId).query(PackageRepository::pkg).optional();
    }

    public List<ManagedPackage> list() {
        return jdbc.sql("select package_id, name, namespace, created_at from package order by name, package_id")
                .query(PackageRepository::pkg).list();
    }

    /**
     * @throws ConflictException when the version id is taken, or this package has a version with the same
     *         number, build and release state (a beta and a release may share a number)
     */
    public void createVersion(PackageVersion version) {
        PackageVersionNumber number = version.number();
        try {
            jdbc.sql("insert into package_version (version_id, package_id, major, minor, patch, build, version_number, "
                            + "name, release_state, deprecated, release_notes_url, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(version.versionId(), version.packageId(), number.major(), number.minor(), number.patch(),
                            number.build(), number.toString(), version.name(), version.releaseState().name(),
                            version.deprecated(), version.releaseNotesUrl(), Timestamp.from(version.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("version " + version.versionId() + ", or a " + state(version) + " version "
                    + number + " of package " + version.packageId() + ", exists already", null);
        }
    }

    /** The package's versions, oldest first ({@link PackageVersion#ORDER}: numerically, a beta before its release). */
    public List<PackageVersion> versions(String packageId) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from package_version where package_id = ? "
                        + "order by major, minor, patch, build, release_state = 'RELEASED'")
                .param(packageId).query(PackageRepository::version).list();
    }

    public Optional<PackageVersion> findVersion(String versionId) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from package_version where version_id = ?")
                .param(versionId).query(PackageRepository::version).optional();
    }

    /**
     * Changes what may change after creation: deprecation, release state and the release notes link.
     *
     * @throws ConflictException when releasing a beta whose number and build are released already
     */
    public void updateVersion(PackageVersion version) {
        try {
            jdbc.sql("update package_version set release_state = ?, deprecated = ?, release_notes_url = ?, name = ? "
                            + "where version_id = ?")
                    .params(version.releaseState().name(), version.deprecated(), version.releaseNotesUrl(), version.name(),
                            version.versionId())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("package " + version.packageId() + " has a " + state(version) + " version "
                    + version.number() + " already", null);
        }
    }

    private static String state(PackageVersion version) {
        return version.releaseState() == ReleaseState.BETA ? "beta" : "released";
    }

    private static ManagedPackage pkg(ResultSet row, int rowNumber) throws SQLException {
        return new ManagedPackage(row.getString("package_id"), row.getString("name"), row.getString("namespace"),
                instant(row, "created_at"));
    }

    private static PackageVersion version(ResultSet row, int rowNumber) throws SQLException {
        return new PackageVersion(row.getString("version_id"), row.getString("package_id"),
                new PackageVersionNumber(row.getInt("major"), row.getInt("minor"), row.getInt("patch"), row.getInt("build")),
                row.getString("name"), ReleaseState.valueOf(row.getString("release_state")), row.getBoolean("deprecated"),
                row.getString("release_notes_url"), instant(row, "created_at"));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
