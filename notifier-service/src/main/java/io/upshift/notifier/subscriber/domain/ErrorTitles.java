package io.upshift.notifier.subscriber.domain;

import java.util.regex.Pattern;

/**
 * The error title shown to a subscriber. The executor promises a human-readable title, never a
 * stack trace; this holds to that even when something upstream breaks the promise: only the first
 * line, nothing that looks like a Java exception or a stack frame, and a sensible length.
 */
public final class ErrorTitles {

    static final int MAX_LENGTH = 300;
    private static final Pattern STACK_LIKE = Pattern.compile(
            "(^|\\s)at [\\w$.]+\\(|\\b[a-z][\\w$]*(\\.[a-z][\\w$]*)+\\.[A-Z][\\w$]*(Exception|Error)\\b|Caused by:");

    private ErrorTitles() {
    }

    /** The title to show, or null when there is none fit to show (the template then uses a generic one). */
    public static String forSubscriber(String errorMessage) {
        if (errorMessage == null || errorMessage.isBlank()) {
            return null;
        }
        if (STACK_LIKE.matcher(errorMessage).find()) {
            return null;
        }
        String firstLine = errorMessage.strip().lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            return null;
        }
        return firstLine.length() <= MAX_LENGTH ? firstLine : firstLine.substring(0, MAX_LENGTH - 1).strip() + "…";
    }
}
