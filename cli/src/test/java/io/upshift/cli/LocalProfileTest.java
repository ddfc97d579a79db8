package io.upshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.demo.LocalProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./upshift run --keep-running} writes the CLI profile {@code local} with the demo's own
 * writer (the demo cannot depend on this module): the CLI must read what it writes, at the same
 * place, and the other profiles must survive it.
 */
class LocalProfileTest {

    @TempDir
    Path home;

    @Test
    void theCliReadsTheProfileTheLocalRunWritesAndKeepsTheOthers() throws Exception {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", home.toString());
        Path file = Profiles.location(env);
        assertThat(LocalProfile.location(env)).isEqualTo(file);
        Profiles profiles = new Profiles(file);
        profiles.save("prod", new Profiles.Profile("https://upshift.example.com", "upshift_prod_key"));

        LocalProfile.write(file, "http://localhost:40001", "upshift_first_run_key");
        LocalProfile.write(file, "http://localhost:40002", "upshift_second_run_key");

        assertThat(profiles.read()).containsOnlyKeys("prod", "local");
        assertThat(profiles.read().get("local")).isEqualTo(new Profiles.Profile("http://localhost:40002", "upshift_second_run_key"));
        assertThat(profiles.read().get("prod")).isEqualTo(new Profiles.Profile("https://upshift.example.com", "upshift_prod_key"));
        assertThat(Files.readString(file)).containsOnlyOnce("[local]");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        }
    }

    @Test
    void aFreshMachineGetsAFileTheCliReads() {
        Path file = LocalProfile.location(Map.of("HOME", home.toString()));
        LocalProfile.write(file, "http://localhost:40003", "upshift_key");
        assertThat(new Profiles(Profiles.location(Map.of("HOME", home.toString()))).read())
                .containsEntry("local", new Profiles.Profile("http://localhost:40003", "upshift_key"));
    }
}
