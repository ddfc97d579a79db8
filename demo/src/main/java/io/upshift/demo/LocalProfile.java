package io.upshift.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CLI profile {@code local} that {@code ./upshift run --keep-running} writes, so the running stack
 * can be used by hand: {@code ./upshift --profile local campaign list}. The CLI module's
 * {@code Profiles} owns the format (it depends on this module for its tests, so this module cannot
 * depend on it): {@code $XDG_CONFIG_HOME/upshift/config} (default {@code ~/.config/upshift/config}),
 * one {@code [name]} section with {@code url = …} and {@code api-key = …}, mode 600 in a 700
 * directory. The CLI's {@code LocalProfileTest} proves the CLI reads what this writes. Other
 * profiles in the file are kept as they are, comments included; only the {@code [local]} section is
 * replaced.
 */
public final class LocalProfile {

    public static final String NAME = "local";

    private LocalProfile() {
    }

    /** The CLI's config file for this environment: XDG_CONFIG_HOME, else HOME/.config. */
    public static Path location(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("upshift").resolve("config");
    }

    /** Adds or replaces the {@code [local]} profile in {@code file}, keeping the rest of the file. */
    public static void write(Path file, String url, String apiKey) {
        write(file, NAME, url, apiKey);
    }

    /** Adds or replaces the profile {@code name} in {@code file}, keeping the rest of the file. */
    public static void write(Path file, String name, String url, String apiKey) {
        try {
            List<String> kept = new ArrayList<>();
            if (Files.exists(file)) {
                boolean inLocal = false;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String stripped = line.strip();
                    if (stripped.startsWith("[") && stripped.endsWith("]")) {
                        inLocal = stripped.substring(1, stripped.length() - 1).strip().equals(name);
                    }
                    if (!inLocal) {
                        kept.add(line);
                    }
                }
            } else {
                kept.add("# Upshift CLI profiles, written by `upshift login`. Holds API keys: keep it mode 600.");
            }
            while (!kept.isEmpty() && kept.getLast().isBlank()) {
                kept.removeLast();
            }
            StringBuilder text = new StringBuilder();
            kept.forEach(line -> text.append(line).append('\n'));
            text.append("\n# written by ./upshift run --keep-running: the key dies with that run\n")
                    .append('[').append(name).append("]\n")
                    .append("url = ").append(url).append('\n')
                    .append("api-key = ").append(apiKey).append('\n');
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                createPrivate(dir, true);
            }
            Path temporary = dir.resolve(".config." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temporary);
            createPrivate(temporary, false);
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CLI profile to " + file, e);
        }
    }

    private static void createPrivate(Path path, boolean directory) throws IOException {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (directory) {
                if (posix) {
                    Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(path);
                }
            } else if (posix) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            // a directory made by someone else: the file itself is still created 600
        }
    }
}
