package io.upshift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An external command-line tool the deploy checks run (promtool, prometheus): found on the PATH, run to its end. */
record Tool(String command) {

    static final Tool PROMTOOL = new Tool("promtool");
    static final Tool PROMETHEUS = new Tool("prometheus");

    /** Why a test skips where the tool is missing; CI installs it. */
    String missing() {
        return command + " is not installed (Debian: apt-get install --no-install-recommends prometheus; .ci/run does it)";
    }

    boolean installed() {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Runs the tool with these arguments in this module's directory; fails when it runs longer than the timeout. */
    Result run(Duration timeout, String... arguments) {
        List<String> line = new java.util.ArrayList<>(List.of(command));
        line.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            // read while it runs: a full pipe would block the tool
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", line) + " ran longer than " + timeout);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
