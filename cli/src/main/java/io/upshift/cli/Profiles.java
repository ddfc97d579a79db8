package io.upshift.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles in {@code $XDG_CONFIG_HOME/upshift/config} (default {@code ~/.config/upshift/config}):
 * one {@code [name]} section per profile with {@code url} and {@code api-key}. The file holds keys,
 * so it is created with mode 600 (its directory 700) before a byte is written, and replaced whole.
 */
final class Profiles {

    static final String DEFAULT = "default";

    record Profile(String url, String apiKey) {
    }

    private final Path file;

    Profiles(Path file) {
        this.file = file;
    }

    /** The config file for this environment: XDG_CONFIG_HOME, else HOME/.config. */
    static Path location(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("upshift").resolve("config");
    }

    Path file() {
        return file;
    }

    Map<String, Profile> read() {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new LinkedHashMap<>());
            } else if (current != null && line.indexOf('=') > 0) {
                current.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        sections.forEach((name, values) -> profiles.put(name, new Profile(values.get("url"), values.get("api-key"))));
        return profiles;
    }

    /** Adds or replaces one profile, keeping the others. */
    void save(String name, Profile profile) {
        Map<String, Profile> profiles = new LinkedHashMap<>(read());
        profiles.put(name, profile);
        StringBuilder text = new StringBuilder("# Upshift CLI profiles, written by `upshift login`. Holds API keys: keep it mode 600.\n");
        profiles.forEach((n, p) -> text.append('\n').append('[').append(n).append("]\n")
                .append("url = ").append(p.url()).append('\n')
                .append("api-key = ").append(p.apiKey()).append('\n'));
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                createPrivate(dir, true);
            }
            Path temporary = dir.resolve(".config." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temporary);
            createPrivate(temporary, false);
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCode.API_FAILED, "cannot write " + file + ": " + e.getMessage());
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
            // a directory made by someone else: its files are still created 600
        }
    }
}
