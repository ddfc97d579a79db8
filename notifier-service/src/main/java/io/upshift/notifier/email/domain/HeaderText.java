package io.upshift.notifier.email.domain;

/**
 * Text that ends up in a mail header (the subject, a display name). A line break there would let
 * org-supplied text add headers of its own, so line breaks and other control characters become
 * spaces.
 */
public final class HeaderText {

    /** Long enough for any sensible subject; RFC 5322 folding handles the rest. */
    static final int MAX_LENGTH = 250;

    private HeaderText() {
    }

    public static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (space) {
                if (!lastWasSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                lastWasSpace = true;
            } else {
                out.append(c);
                lastWasSpace = false;
            }
        }
        String cleaned = out.toString().strip();
        return cleaned.length() <= MAX_LENGTH ? cleaned : cleaned.substring(0, MAX_LENGTH - 1).strip() + "…";
    }

    public static boolean hasLineBreakOrControl(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }
}
