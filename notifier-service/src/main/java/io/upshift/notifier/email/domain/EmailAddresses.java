package io.upshift.notifier.email.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recipient addresses as they arrive from other systems. Only a bare address is ever used: a
 * display name ({@code "Jane" <jane@example.com>}) is dropped, and anything with a line break,
 * control character or more than one address is rejected, so no address can smuggle in a header.
 */
public final class EmailAddresses {

    /** A dot-atom local part and a domain of labels: what mail relays accept without quoting. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern NAME_AND_ADDRESS = Pattern.compile("^[^<>]*<([^<>]+)>$");
    private static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /** The address in its canonical form (domain lower case), or empty when it is not one safe address. */
    public static Optional<String> normalize(String raw) {
        if (raw == null || HeaderText.hasLineBreakOrControl(raw)) {
            return Optional.empty();
        }
        String candidate = raw.strip();
        var named = NAME_AND_ADDRESS.matcher(candidate);
        if (named.matches()) {
            candidate = named.group(1).strip();
        }
        if (candidate.length() > MAX_LENGTH || !ADDRESS.matcher(candidate).matches()) {
            return Optional.empty();
        }
        int at = candidate.lastIndexOf('@');
        return Optional.of(candidate.substring(0, at) + "@" + candidate.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** The key an address is suppressed under: the whole address in lower case. */
    public static String suppressionKey(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    /** Splits recipients into the usable ones (normalised, de-duplicated, in order) and the rejected ones. */
    public static Checked check(List<String> raw) {
        Set<String> accepted = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        List<String> rejected = new ArrayList<>();
        for (String address : raw) {
            Optional<String> normalized = normalize(address);
            if (normalized.isEmpty()) {
                rejected.add(address);
            } else if (seen.add(suppressionKey(normalized.get()))) {
                accepted.add(normalized.get());
            }
        }
        return new Checked(List.copyOf(accepted), List.copyOf(rejected));
    }

    public record Checked(List<String> accepted, List<String> rejected) {
    }
}
