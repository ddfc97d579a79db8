package io.upshift.fleet.generator;

import io.upshift.fleet.generator.FleetOptions.Weighted;
import io.upshift.fleet.generator.FleetOptions.WindowMode;
import io.upshift.schemas.OrgIds;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generates a simulated fleet of subscriber orgs from a seed, lazily and deterministically: org
 * {@code i} is a pure function of the seed and {@code i}, so a fleet of 1,000,000 orgs is never
 * held in memory, the first 100 orgs of a large fleet are the 100 orgs of a small one, and two
 * runs with the same options give the same fleet.
 *
 * <p>The mix follows {@link FleetOptions}: pods by region (NA, EU and AP production pods, CS
 * sandbox pods), time zones and locales of the pod's region, statuses, installed versions from a
 * weighted list, maintenance windows (some across midnight) and 1–3 admin addresses on
 * {@code .example} domains (RFC 2606: they can never reach a real mailbox).
 */
public final class FleetGenerator {

    private static final long ID_SPACE = pow(62, 9);
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Set<DayOfWeek> ALL_DAYS = EnumSet.allOf(DayOfWeek.class);
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private final FleetOptions options;
    private final String idPrefix;
    private final long idMultiplier;
    private final long idOffset;
    private final long[] statusCumulative;
    private final long[] versionCumulative;

    public FleetGenerator(FleetOptions options) {
        this.options = options;
        SplittableRandom ids = new SplittableRandom(mix(options.seed() ^ 0x5DEECE66DL));
        // "00D" + two seed-dependent characters + "0" + nine characters: an affine map of the index
        // modulo 62^9 with a multiplier coprime to 62 is a bijection, so ids are unique by
        // construction, yet look scattered rather than sequential.
        this.idPrefix = "00D" + BASE62.charAt(ids.nextInt(62)) + BASE62.charAt(ids.nextInt(62)) + "0";
        long multiplier = ids.nextLong(1L << 20, 1L << 30) | 1;
        while (multiplier % 31 == 0) {
            multiplier += 2;
        }
        this.idMultiplier = multiplier;
        this.idOffset = ids.nextLong(ID_SPACE);
        this.statusCumulative = cumulative(options.statusWeights());
        this.versionCumulative = cumulative(options.installedVersions());
    }

    /** The production pods orgs are placed on (sandboxes live on CS pods), e.g. to make a release fail only there. */
    public static List<String> productionPods() {
        return Catalog.REGIONS.stream().flatMap(region -> region.productionPods().stream()).toList();
    }

    public FleetOptions options() {
        return options;
    }

    /** All orgs of the fleet, generated as they are consumed. */
    public Stream<SimulatedOrg> stream() {
        return LongStream.range(0, options.count()).mapToObj(this::org);
    }

    /** The same orgs as {@link #stream()}, for callers that prefer an iterator. */
    public Iterator<SimulatedOrg> iterator() {
        return stream().iterator();
    }

    /** Org number {@code index} (0-based) of the fleet. */
    public SimulatedOrg org(long index) {
        if (index < 0 || index >= options.count()) {
            throw new IndexOutOfBoundsException("org " + index + " of a fleet of " + options.count());
        }
        SplittableRandom random = new SplittableRandom(mix(options.seed() * 0x9E3779B97F4A7C15L + index));
        String orgId = orgId(index);
        boolean sandbox = random.nextDouble() < options.sandboxShare();
        Catalog.Region region = pick(random, Catalog.REGIONS);
        Catalog.Zone zone = region.zones().get(random.nextInt(region.zones().size()));
        List<String> pods = sandbox ? region.sandboxPods() : region.productionPods();
        String instance = pods.get(random.nextInt(pods.size()));
        String status = options.statusWeights().get(pickIndex(random, statusCumulative)).value();

        String installedVersion;
        boolean beta = false;
        double installRoll = random.nextDouble();
        if (installRoll < options.notInstalledShare()) {
            installedVersion = null;
        } else if (options.betaVersion() != null && installRoll < options.notInstalledShare() + options.betaShare()) {
            installedVersion = options.betaVersion();
            beta = true;
        } else {
            installedVersion = options.installedVersions().get(pickIndex(random, versionCumulative)).value();
        }

        Catalog.Company company = Catalog.company(random);
        String orgName = sandbox ? company.name() + " (" + Catalog.SANDBOX_NAMES.get(
                random.nextInt(Catalog.SANDBOX_NAMES.size())) + ")" : company.name();
        Window window = options.windowMode() == WindowMode.ALWAYS_OPEN ? Window.ALWAYS_OPEN
                : sandbox ? pick(random, Window.SANDBOX) : pick(random, Window.PRODUCTION);

        return new SimulatedOrg(orgId, orgName, sandbox ? "SANDBOX" : "PRODUCTION", status, instance,
                installedVersion, beta, ZoneId.of(zone.id()), window.days(), window.start(), window.end(),
                zone.locale(), adminEmails(random, company), installedVersion != null && pushBlocked(index));
    }

    /** Drawn from a stream of its own, so modelling blocks leaves every other property of the fleet as it was. */
    private boolean pushBlocked(long index) {
        return options.pushBlockedShare() > 0
                && new SplittableRandom(mix(options.seed() * 0xC2B2AE3D27D4EB4FL + index)).nextDouble()
                        < options.pushBlockedShare();
    }

    private String orgId(long index) {
        long value = Math.floorMod(index * idMultiplier + idOffset, ID_SPACE);
        char[] digits = new char[9];
        for (int i = 8; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        String fifteen = idPrefix + new String(digits);
        return fifteen + OrgIds.checksum(fifteen);
    }

    private static List<String> adminEmails(SplittableRandom random, Catalog.Company company) {
        int count = 1 + pickIndex(random, new long[] {50, 85, 100});
        List<String> emails = new ArrayList<>(count);
        emails.add("admin@" + company.domain());
        if (count > 1) {
            emails.add(Catalog.person(random) + "@" + company.domain());
        }
        if (count > 2) {
            emails.add("salesforce-ops@" + company.domain());
        }
        return emails;
    }

    private static <T extends Catalog.HasWeight> T pick(SplittableRandom random, List<T> weighted) {
        int total = 0;
        for (T item : weighted) {
            total += item.weight();
        }
        int roll = random.nextInt(total);
        for (T item : weighted) {
            roll -= item.weight();
            if (roll < 0) {
                return item;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int pickIndex(SplittableRandom random, long[] cumulative) {
        long roll = random.nextLong(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (roll < cumulative[i]) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static long[] cumulative(List<Weighted> weights) {
        long[] cumulative = new long[weights.size()];
        long sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            sum += weights.get(i).weight();
            cumulative[i] = sum;
        }
        return cumulative;
    }

    /** Stafford's mix13 (the SplittableRandom finaliser): neighbouring seeds give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    /** A maintenance window template in local time; end not after start runs past midnight. */
    private record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end, int weight) implements Catalog.HasWeight {

        static final Window ALWAYS_OPEN = new Window(ALL_DAYS, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 1);

        static final List<Window> PRODUCTION = List.of(
                new Window(WEEKDAYS, LocalTime.of(22, 0), LocalTime.of(4, 0), 35),
                new Window(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(0, 0), LocalTime.of(8, 0), 30),
                new Window(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(20, 0), LocalTime.of(2, 0), 15),
                new Window(ALL_DAYS, LocalTime.of(1, 0), LocalTime.of(5, 0), 10),
                new Window(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), LocalTime.of(19, 30), LocalTime.of(23, 30), 10));

        static final List<Window> SANDBOX = List.of(
                new Window(ALL_DAYS, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 50),
                new Window(WEEKDAYS, LocalTime.of(8, 0), LocalTime.of(18, 0), 30),
                new Window(WEEKDAYS, LocalTime.of(18, 0), LocalTime.of(6, 0), 20));
    }

    /** Regions, pods, zones, locales and names: immutable reference data. */
    static final class Catalog {

        interface HasWeight {
            int weight();
        }

        record Zone(String id, String locale) {
        }

        record Region(String name, int weight, List<String> productionPods, List<String> sandboxPods, List<Zone> zones)
                implements HasWeight {
        }

        record Company(String name, String domain) {
        }

        static final List<Region> REGIONS = List.of(
                new Region("NA", 50, List.of("NA135", "NA174", "NA211", "USA204", "USA416"),
                        List.of("CS42", "CS91", "CS170"),
                        List.of(new Zone("America/New_York", "en_US"), new Zone("America/Chicago", "en_US"),
                                new Zone("America/Denver", "en_US"), new Zone("America/Los_Angeles", "en_US"),
                                new Zone("America/Toronto", "en_CA"), new Zone("America/Toronto", "fr_CA"),
                                new Zone("America/Mexico_City", "es_MX"))),
                new Region("EU", 32, List.of("EU25", "EU32", "EU44", "GBR22", "DEU40"),
                        List.of("CS81", "CS108", "CS129"),
                        List.of(new Zone("Europe/London", "en_GB"), new Zone("Europe/Dublin", "en_IE"),
                                new Zone("Europe/Paris", "fr_FR"), new Zone("Europe/Berlin", "de_DE"),
                                new Zone("Europe/Madrid", "es_ES"), new Zone("Europe/Amsterdam", "nl_NL"),
                                new Zone("Europe/Stockholm", "sv_SE"), new Zone("Europe/Zurich", "de_CH"))),
                new Region("AP", 18, List.of("AP15", "AP24", "AP27", "JPN18", "AUS34"),
                        List.of("CS72", "CS117", "CS152"),
                        List.of(new Zone("Asia/Tokyo", "ja_JP"), new Zone("Asia/Singapore", "en_SG"),
                                new Zone("Australia/Sydney", "en_AU"), new Zone("Asia/Kolkata", "en_IN"),
                                new Zone("Asia/Seoul", "ko_KR"))));

        static final List<String> SANDBOX_NAMES = List.of("UAT", "QA", "Dev", "Full Copy", "Staging", "Training");

        private static final List<String> FIRST = List.of("Northwind", "Contoso", "Fabrikam", "Globex", "Initech",
                "Umbrella", "Stark", "Wayne", "Acme", "Hooli", "Vandelay", "Tyrell", "Cyberdyne", "Soylent", "Wonka",
                "Gringotts", "Oscorp", "Aperture", "Blue Sun", "Dunder", "Prestige", "Monarch", "Silver Birch",
                "Red Kite", "Harbor", "Summit", "Evergreen", "Granite", "Lakeside", "Meridian", "Baker, Lane &");
        private static final List<String> SECOND = List.of("Logistics", "Health", "Insurance", "Bank", "Energy",
                "Retail", "Foods", "Media", "Telecom", "Pharma", "Motors", "Airlines", "Realty", "Software",
                "Partners", "Capital", "Labs", "Systems", "Foundation", "University");
        private static final List<String> SUFFIX = List.of("Inc", "Ltd", "GmbH", "SA", "AG", "KK", "Pty Ltd", "BV",
                "LLC", "plc");
        private static final List<String> PEOPLE_FIRST = List.of("ana", "ben", "chloe", "dev", "emma", "felix",
                "grace", "hiro", "ines", "jonas", "kai", "lena", "mo", "nora", "omar", "priya", "quinn", "ravi",
                "sofia", "tom");
        private static final List<String> PEOPLE_LAST = List.of("alvarez", "becker", "chen", "dubois", "evans",
                "fischer", "garcia", "hughes", "ito", "jansen", "kim", "larsen", "meyer", "nakamura", "oconnor",
                "patel", "rossi", "silva", "tanaka", "weber");

        private Catalog() {
        }

        static Company company(SplittableRandom random) {
            String first = FIRST.get(random.nextInt(FIRST.size()));
            String second = SECOND.get(random.nextInt(SECOND.size()));
            String suffix = SUFFIX.get(random.nextInt(SUFFIX.size()));
            // a number keeps thousands of companies apart without needing millions of names
            int branch = random.nextInt(1, 1000);
            String name = first + " " + second + " " + branch + " " + suffix;
            String domain = (first + "-" + second + "-" + branch).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-") + ".example";
            return new Company(name, domain);
        }

        static String person(SplittableRandom random) {
            return PEOPLE_FIRST.get(random.nextInt(PEOPLE_FIRST.size())) + "."
                    + PEOPLE_LAST.get(random.nextInt(PEOPLE_LAST.size()));
        }
    }
}
