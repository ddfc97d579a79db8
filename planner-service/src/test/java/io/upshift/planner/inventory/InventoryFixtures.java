package io.upshift.planner.inventory;

import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.planner.inventory.domain.RowSink;
import io.upshift.schemas.OrgIds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Small, fixed inventory fixtures ("mother" objects) shared by the inventory tests. */
public final class InventoryFixtures {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    public static final String PACKAGE_15 = "033A0000000PkGa";
    public static final String PACKAGE_ID = PACKAGE_15 + OrgIds.checksum(PACKAGE_15);

    private InventoryFixtures() {
    }

    /** The 15-character id of test org {@code n} (0 ≤ n < 238,328): "00D" + letters/digits, mixed case. */
    public static String orgId15(int n) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return "00D5e0000aB" + alphabet.charAt(n / (62 * 62) % 62) + alphabet.charAt(n / 62 % 62)
                + alphabet.charAt(n % 62) + "Q";
    }

    /** The 18-character id of test org {@code n}. */
    public static String orgId(int n) {
        String fifteen = orgId15(n);
        return fifteen + OrgIds.checksum(fifteen);
    }

    /** A package id with another last character, for a second package. */
    public static String packageId(char last) {
        String fifteen = PACKAGE_15.substring(0, 14) + last;
        return fifteen + OrgIds.checksum(fifteen);
    }

    /** A sink that remembers what it was given. */
    public static final class CollectingSink implements RowSink {

        public final List<OrgRow> rows = new ArrayList<>();
        public final List<List<RowError>> rejected = new ArrayList<>();

        @Override
        public void accept(OrgRow row) {
            rows.add(row);
        }

        @Override
        public void reject(List<RowError> errors) {
            rejected.add(errors);
        }

        public List<RowError> errors() {
            return rejected.stream().flatMap(List::stream).toList();
        }
    }
}
