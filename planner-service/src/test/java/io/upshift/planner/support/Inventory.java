package io.upshift.planner.support;

import io.upshift.schemas.OrgIds;
import java.sql.Array;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seeds the inventory tables with plain SQL, the way the inventory feature would have filled them:
 * a package with versions, and orgs with what they have installed. Every call makes fresh ids, so
 * tests sharing the database never see each other's orgs.
 */
public final class Inventory {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final JdbcTemplate jdbc;

    public Inventory(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A package with released versions 4.0.0, 4.1.0, 4.1.3, 4.2.1, a beta 4.3.0 and a deprecated 3.9.0. */
    public Package newPackage() {
        String packageId = id("033");
        jdbc.update("insert into package (package_id, name, namespace, created_at) values (?, ?, ?, now())",
                packageId, "Acme Billing " + packageId.substring(10, 15), "acme");
        Package p = new Package(packageId, this);
        p.version("4.0.0", "RELEASED", false);
        p.version("4.1.0", "RELEASED", false);
        p.version("4.1.3", "RELEASED", false);
        p.version("4.2.1", "RELEASED", false);
        p.version("4.3.0", "BETA", false);
        p.version("3.9.0", "RELEASED", true);
        return p;
    }

    /** A valid, unique 18-character Salesforce id with the given prefix. */
    public static String id(String prefix) {
        long n = SEQUENCE.incrementAndGet();
        String body = prefix + String.format("%012d", n).replace('0', 'a').replace('5', 'Q');
        return OrgIds.normalize(body).orElseGet(() -> body + OrgIds.checksum(body));
    }

    public static String orgId() {
        return id("00D");
    }

    /** A package and the orgs that have it. */
    public static final class Package {

        public final String id;
        private final Inventory inventory;

        Package(String id, Inventory inventory) {
            this.id = id;
            this.inventory = inventory;
        }

        void version(String number, String state, boolean deprecated) {
            String[] parts = number.split("\\.");
            inventory.jdbc.update("""
                    insert into package_version (version_id, package_id, major, minor, patch, build, version_number, name,
                                                 release_state, deprecated, release_notes_url, created_at)
                    values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, now())""",
                    id("04t"), id, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    number, "Release " + number, state, deprecated, "https://acme.example/notes/" + number);
        }

        /** Adds orgs; returns their ids in the order given. */
        public List<String> add(List<Org> orgs) {
            List<String> ids = new ArrayList<>();
            inventory.jdbc.execute((java.sql.Connection c) -> {
                try (var orgInsert = c.prepareStatement("""
                        insert into subscriber_org (org_id, org_name, org_type, status, instance, time_zone, window_days,
                                                    window_start, window_end, locale, admin_emails, excluded, source, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'en-US', ?, ?, 'API', ?)""");
                     var installInsert = c.prepareStatement("""
                        insert into installed_package (org_id, package_id, installed_version, major, minor, patch, build,
                                                       beta, installed, updated_at)
                        values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""")) {
                    for (Org org : orgs) {
                        String orgId = orgId();
                        ids.add(orgId);
                        orgInsert.setString(1, orgId);
                        orgInsert.setString(2, "Org " + orgId.substring(9, 15));
                        orgInsert.setString(3, org.type);
                        orgInsert.setString(4, org.status);
                        orgInsert.setString(5, org.instance);
                        orgInsert.setString(6, org.zone);
                        Array days = org.days == null ? null : c.createArrayOf("text", org.days);
                        orgInsert.setArray(7, days);
                        orgInsert.setObject(8, org.start);
                        orgInsert.setObject(9, org.end);
                        orgInsert.setArray(10, c.createArrayOf("text", new String[] {"admin@" + orgId.toLowerCase() + ".example"}));
                        orgInsert.setBoolean(11, org.excluded);
                        orgInsert.setObject(12, java.time.OffsetDateTime.ofInstant(T0, java.time.ZoneOffset.UTC));
                        orgInsert.addBatch();
                        if (org.installedVersion != null) {
                            String[] v = org.installedVersion.split("\\.");
                            installInsert.setString(1, orgId);
                            installInsert.setString(2, id);
                            installInsert.setString(3, org.installedVersion);
                            installInsert.setInt(4, Integer.parseInt(v[0]));
                            installInsert.setInt(5, Integer.parseInt(v[1]));
                            installInsert.setInt(6, Integer.parseInt(v[2]));
                            installInsert.setBoolean(7, org.beta);
                            installInsert.setBoolean(8, org.installed);
                            installInsert.setObject(9, java.time.OffsetDateTime.ofInstant(T0, java.time.ZoneOffset.UTC));
                            installInsert.addBatch();
                        }
                    }
                    orgInsert.executeBatch();
                    installInsert.executeBatch();
                }
                return null;
            });
            return ids;
        }
    }

    /** An org to seed; start from {@link #production()} or {@link #sandbox()} and change what the test needs. */
    public static final class Org {
        String type = "PRODUCTION";
        String status = "ACTIVE";
        String instance = "NA1";
        String zone = "UTC";
        String[] days = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
        LocalTime start = LocalTime.MIDNIGHT;
        LocalTime end = LocalTime.MIDNIGHT;
        String installedVersion = "4.1.3";
        boolean beta;
        boolean installed = true;
        boolean excluded;

        public static Org production() {
            return new Org();
        }

        public static Org sandbox() {
            Org org = new Org();
            org.type = "SANDBOX";
            org.instance = "CS1";
            return org;
        }

        public Org instance(String value) {
            instance = value;
            return this;
        }

        public Org status(String value) {
            status = value;
            return this;
        }

        public Org installed(String version) {
            installedVersion = version;
            return this;
        }

        public Org beta() {
            beta = true;
            return this;
        }

        public Org uninstalled() {
            installed = false;
            return this;
        }

        public Org excluded() {
            excluded = true;
            return this;
        }

        public Org window(String zoneId, LocalTime from, LocalTime to, String... onDays) {
            zone = zoneId;
            start = from;
            end = to;
            days = onDays;
            return this;
        }

        /** {@code n} copies of this org (each gets its own id when added). */
        public List<Org> times(int n) {
            List<Org> orgs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                orgs.add(this);
            }
            return orgs;
        }

        /** {@code n} copies spread over instances NA1..NA{pods}. */
        public List<Org> spreadOver(int n, int pods, long seed) {
            Random random = new Random(seed);
            List<Org> orgs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Org copy = copy();
                copy.instance = (type.equals("SANDBOX") ? "CS" : "NA") + (1 + random.nextInt(pods));
                orgs.add(copy);
            }
            return orgs;
        }

        Org copy() {
            Org o = new Org();
            o.type = type;
            o.status = status;
            o.instance = instance;
            o.zone = zone;
            o.days = days;
            o.start = start;
            o.end = end;
            o.installedVersion = installedVersion;
            o.beta = beta;
            o.installed = installed;
            o.excluded = excluded;
            return o;
        }
    }
}
