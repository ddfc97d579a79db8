package io.upshift.planner.inventory.web;

import io.upshift.planner.inventory.domain.ManagedPackage;
import io.upshift.planner.inventory.domain.PackageVersion;
import io.upshift.planner.inventory.domain.PackageVersionChange;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.domain.ReleaseState;
import io.upshift.planner.inventory.jdbc.PackageRepository;
import io.upshift.planner.shared.domain.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ISV's packages and their versions: register, list, read, and deprecate or release a version. */
@RestController
@RequestMapping("/api/v1/packages")
class PackageController {

    private static final String URL = "https?://\\S+";
    private static final String VERSION = "\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}(\\.\\d{1,9})?";

    private final PackageRepository packages;
    private final Clock clock;

    PackageController(PackageRepository packages, Clock clock) {
        this.packages = packages;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<PackageBody> create(@Valid @RequestBody CreatePackage body) {
        ManagedPackage pkg = new ManagedPackage(Params.packageId(body.packageId()), body.name().strip(),
                blankToNull(body.namespace()), clock.instant());
        packages.create(pkg);
        return ResponseEntity.created(URI.create("/api/v1/packages/" + pkg.packageId())).body(PackageBody.of(pkg));
    }

    @GetMapping
    Items<PackageBody> list() {
        return new Items<>(packages.list().stream().map(PackageBody::of).toList());
    }

    @GetMapping("/{packageId}")
    PackageBody get(@PathVariable String packageId) {
        return PackageBody.of(requirePackage(packageId));
    }

    @PostMapping("/{packageId}/versions")
    ResponseEntity<VersionBody> createVersion(@PathVariable String packageId, @Valid @RequestBody CreateVersion body) {
        ManagedPackage pkg = requirePackage(packageId);
        PackageVersion version = new PackageVersion(Params.versionId(body.versionId()), pkg.packageId(),
                PackageVersionNumber.parse(body.version()), blankToNull(body.name()),
                body.releaseState() == null ? ReleaseState.RELEASED : body.releaseState(),
                Boolean.TRUE.equals(body.deprecated()), blankToNull(body.releaseNotesUrl()), clock.instant());
        packages.createVersion(version);
        return ResponseEntity.created(URI.create("/api/v1/packages/" + pkg.packageId() + "/versions/"
                + version.versionId())).body(VersionBody.of(version));
    }

    @GetMapping("/{packageId}/versions")
    Items<VersionBody> versions(@PathVariable String packageId) {
        ManagedPackage pkg = requirePackage(packageId);
        return new Items<>(packages.versions(pkg.packageId()).stream().map(VersionBody::of).toList());
    }

    @GetMapping("/{packageId}/versions/{versionId}")
    VersionBody version(@PathVariable String packageId, @PathVariable String versionId) {
        return VersionBody.of(requireVersion(packageId, versionId));
    }

    @PatchMapping("/{packageId}/versions/{versionId}")
    VersionBody changeVersion(@PathVariable String packageId, @PathVariable String versionId,
            @Valid @RequestBody ChangeVersion body) {
        PackageVersion changed = new PackageVersionChange(blankToNull(body.name()), body.releaseState(),
                body.deprecated(), blankToNull(body.releaseNotesUrl())).applyTo(requireVersion(packageId, versionId));
        packages.updateVersion(changed);
        return VersionBody.of(changed);
    }

    private ManagedPackage requirePackage(String packageId) {
        String id = Params.packageId(packageId);
        return packages.find(id).orElseThrow(() -> new NotFoundException("package", id));
    }

    private PackageVersion requireVersion(String packageId, String versionId) {
        ManagedPackage pkg = requirePackage(packageId);
        String id = Params.versionId(versionId);
        return packages.findVersion(id).filter(version -> version.packageId().equals(pkg.packageId()))
                .orElseThrow(() -> new NotFoundException("version", id + " of package " + pkg.packageId()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    record Items<T>(List<T> items) {
    }

    record CreatePackage(
            @NotBlank @Size(max = 18) String packageId,
            @NotBlank @Size(max = 255) String name,
            @Size(max = 15) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]*", message = "must be a namespace prefix") String namespace) {
    }

    record PackageBody(String packageId, String name, String namespace, Instant createdAt) {

        static PackageBody of(ManagedPackage pkg) {
            return new PackageBody(pkg.packageId(), pkg.name(), pkg.namespace(), pkg.createdAt());
        }
    }

    record CreateVersion(
            @NotBlank @Size(max = 18) String versionId,
            @NotBlank @Pattern(regexp = VERSION, message = "must be major.minor.patch[.build]") String version,
            @Size(max = 255) String name,
            ReleaseState releaseState,
            Boolean deprecated,
            @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL") String releaseNotesUrl) {
    }

    record ChangeVersion(
            @Size(max = 255) String name,
            ReleaseState releaseState,
            Boolean deprecated,
            @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL") String releaseNotesUrl) {
    }

    record VersionBody(String versionId, String packageId, String version, String name, ReleaseState releaseState,
            boolean deprecated, String releaseNotesUrl, boolean pushable, Instant createdAt) {

        static VersionBody of(PackageVersion version) {
            return new VersionBody(version.versionId(), version.packageId(), version.number().toString(), version.name(),
                    version.releaseState(), version.deprecated(), version.releaseNotesUrl(), version.isPushable(),
                    version.createdAt());
        }
    }
}
