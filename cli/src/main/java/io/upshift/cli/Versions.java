package io.upshift.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Version numbers compared as the catalogue does: "4.2" and "4.2.0" are one version. */
final class Versions {

    private Versions() {
    }

    static String normalize(String version) {
        if (version == null || !version.strip().matches("\\d+(\\.\\d+)*")) {
            return version;
        }
        String[] parts = version.strip().split("\\.");
        int last = parts.length;
        while (last > 1 && Long.parseLong(parts[last - 1]) == 0) {
            last--;
        }
        return Arrays.stream(parts, 0, last).map(p -> String.valueOf(Long.parseLong(p))).collect(Collectors.joining("."));
    }
}
