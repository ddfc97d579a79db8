package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.SimulatedOrg;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Subscribers in control (#23), end to end on one stack and one campaign of three orgs whose notices
 * carry signed links: the German admin moves the upgrade to another window in a real browser and the org
 * is upgraded in the new one; the Japanese admin skips it with a reason and the org is never pushed; the
 * third clicks once the upgrade is done and is told it is too late. A tampered link changes nothing. The
 * pages are screenshot in German and Japanese ({@code target/screenshots/portal-*.png}).
 */
class SubscriberPortalIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final DemoScenario.Options OPTIONS = DemoScenario.Options.defaults().withOrgs(30).withSeed(23)
            .withRun(501);
    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+/s/[A-Za-z0-9._-]+");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static LocalUpshift upshift;
    private static DevStack stack;
    private static ApiClient operator;
    private static String campaignId;
    private static SimulatedOrg mover;
    private static SimulatedOrg skipper;
    private static SimulatedOrg late;
    private static WebDriver browser;

    @BeforeAll
    static void scheduleACampaignOfThreeOrgs() throws Exception {
        stack = DevStack.shared();
        upshift = LocalUpshift.start(stack, LocalUpshift.Settings.of(1).withDatabase("subscribers")
                .withPlanner(Map.of("upshift.planner.dispatch.interval", "250ms",
                        "upshift.planner.planning.minimum-notice-period", "5s",
                        // compressed time: an always-open org gets 20-second windows, so "another window" is soon
                        "upshift.planner.planning.maximum-window", "20s",
                        "upshift.planner.planning.minimum-window", "5s"))
                .withExecutor(Map.of("upshift.executor.simulated.seed", "23",
                        "upshift.executor.simulated.latency.median", "300ms",
                        "upshift.executor.simulated.latency.p99", "1s",
                        "upshift.executor.simulated.latency.max", "2s"))
                .withNotifier(Map.of("upshift.notifier.delivery.rate-per-second", "100")));
        ApiClient admin = upshift.plannerAsAdmin();
        String packageId = OPTIONS.packageId();
        admin.post("/api/v1/packages", Map.of("packageId", packageId, "name", "Acme Billing", "namespace", "acme"));
        for (int i = 0; i < DemoScenario.VERSIONS.size(); i++) {
            admin.post("/api/v1/packages/" + packageId + "/versions", Map.of("versionId", OPTIONS.versionId(i),
                    "version", DemoScenario.VERSIONS.get(i), "releaseState", "RELEASED",
                    "releaseNotesUrl", "https://acme-isv.example/acme/releases/" + DemoScenario.VERSIONS.get(i)));
        }
        List<SimulatedOrg> three = new FleetGenerator(FleetOptions.defaults(OPTIONS.orgs(), OPTIONS.seed())
                .withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN)).stream()
                .filter(o -> "PRODUCTION".equalsIgnoreCase(o.orgType()) && "Active".equalsIgnoreCase(o.status())
                        && !o.betaInstalled() && !o.pushBlocked() && o.installedVersion() != null
                        && !o.installedVersion().isBlank() && o.installedVersion().compareTo("4.2.1") < 0)
                .limit(3).toList();
        assertThat(three).hasSize(3);
        mover = withLocale(three.get(0), "de-DE", "Europe/Berlin");
        skipper = withLocale(three.get(1), "ja-JP", "Asia/Tokyo");
        late = withLocale(three.get(2), "en-US", "America/New_York");
        importOrgs(admin, packageId, List.of(mover, skipper, late));

        operator = admin.as(admin.createKey("release-manager", "OPERATOR"));
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Acme Billing 4.2.1 for three subscribers");
        campaign.put("packageId", packageId);
        campaign.put("targetVersion", "4.2.1");
        campaign.put("selection", Map.of("orgIds", List.of(mover.orgId(), skipper.orgId(), late.orgId())));
        // the orgs' windows open in 40 s: time for the emails and the clicks; the ISV lets subscribers skip
        campaign.put("schedule", Map.of("noticePeriod", "PT5S", "earliestStart", Instant.now().plusSeconds(40).toString(),
                "subscriberMayOptOut", true));
        campaign.put("pacing", Map.of("expectedUpgradeDuration", "PT2S"));
        campaign.put("orgTimeout", "PT1M");
        campaign.put("supportContact", "support@acme-isv.example");
        campaignId = operator.post("/api/v1/campaigns", campaign).path("id").asText();
        operator.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of());
        if (Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"))) {
            System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
            browser = chromium();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    void oneMovesAndIsUpgradedInTheNewWindowOneSkipsAndIsNeverPushedOneIsTooLate() throws Exception {
        // Given: each advance notice carries a working personal link
        String moverLink = linkIn(awaitNotice(mover, "Passt dieses Zeitfenster nicht?"));
        String skipperLink = linkIn(awaitNotice(skipper, "この時間枠がご都合に合わない場合は"));
        String lateLink = linkIn(awaitNotice(late, "Does this window not suit you?"));
        JsonNode before = org(mover.orgId());

        // When: the German admin picks another window, the Japanese admin skips with a reason
        String chosen;
        if (browser != null) {
            browser.get(moverLink);
            waitFor(By.id("move"));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(browser.getPageSource()).contains("Geplantes Zeitfenster").contains("Mitteleuropäische")
                    .contains("Upgrade in ein anderes Zeitfenster verschieben");
            screenshot("portal-de");
            // the first other window: the soonest after the planned one
            WebElement first = browser.findElements(By.cssSelector("#move input[type=radio]")).getFirst();
            chosen = first.getAttribute("value");
            first.click();
            browser.findElement(By.cssSelector("#move button")).click();
            assertThat(waitFor(By.id("sent")).getText()).contains("Ihr neues Zeitfenster wurde an den Anbieter gesendet");

            browser.get(skipperLink);
            waitFor(By.id("skip"));
            assertThat(browser.getPageSource()).contains("予定の時間枠").contains("このアップグレードを見送る");
            screenshot("portal-ja");
            browser.findElement(By.id("reason")).sendKeys("Quarter-end close");
            browser.findElement(By.cssSelector("#skip button")).click();
            assertThat(waitFor(By.id("sent")).getText()).contains("提供元に送信しました");
        } else {
            String page = get(moverLink).body();
            Matcher value = Pattern.compile("name=\"window\" value=\"(\\d+-\\d+)\"").matcher(page);
            List<String> values = new ArrayList<>();
            while (value.find()) {
                values.add(value.group(1));
            }
            chosen = values.getFirst();
            assertThat(post(moverLink + "/move", Map.of("requestId", UUID.randomUUID().toString(), "window", chosen))
                    .statusCode()).isEqualTo(302);
            assertThat(post(skipperLink + "/skip", Map.of("requestId", UUID.randomUUID().toString(),
                    "reason", "Quarter-end close")).statusCode()).isEqualTo(302);
        }
        Instant newStart = Instant.ofEpochMilli(Long.parseLong(chosen.split("-")[0]));
        Instant newEnd = Instant.ofEpochMilli(Long.parseLong(chosen.split("-")[1]));

        // Then: the planner moved one and excluded the other, each confirmed by email
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Instant.parse(org(mover.orgId()).path("windowStart").asText())).isEqualTo(newStart);
            assertThat(org(skipper.orgId()).path("state").asText()).isEqualTo("CANCELED");
        });
        assertThat(newStart).isAfter(Instant.parse(before.path("windowStart").asText()));
        assertThat(org(skipper.orgId()).path("errorCode").asText()).isEqualTo("SubscriberOptedOut");
        assertThat(org(skipper.orgId()).path("errorMessage").asText()).isEqualTo("Quarter-end close");
        awaitNotice(mover, "Wie über Ihren persönlichen Link gewünscht");
        awaitNotice(skipper, "個人用リンクからのご依頼どおり");

        // and the third, once its upgrade is done, hears that it is too late, and nothing changes
        await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(org(late.orgId()).path("state").asText()));
        // (its link expired when the window started: the page tells what became of it, read-only, with a 410)
        HttpResponse<String> result = get(lateLink);
        assertThat(result.statusCode()).isEqualTo(410);
        assertThat(result.body()).contains("Done: your org now runs version 4.2.1").contains("This link has expired")
                .doesNotContain("<form");
        double expiredBefore = metric("expired");
        HttpResponse<String> tooLate = post(lateLink + "/skip", Map.of("requestId", UUID.randomUUID().toString()));
        assertThat(tooLate.statusCode()).isEqualTo(410);
        assertThat(tooLate.body()).contains("the upgrade window has started");

        // Finally: the moved org is upgraded inside its new window; the skipped one never pushed
        await().atMost(Duration.ofSeconds(120)).until(() -> "COMPLETED".equals(
                operator.get("/api/v1/campaigns/" + campaignId).path("state").asText()));
        assertThat(org(mover.orgId()).path("state").asText()).isEqualTo("SUCCEEDED");
        Map<String, List<Instant>> pushes = upshift.fleetWorld().pushStarts(List.of(mover.orgId(), skipper.orgId()));
        assertThat(pushes.getOrDefault(mover.orgId(), List.of())).singleElement()
                .satisfies(start -> assertThat(start).isBetween(newStart, newEnd));
        assertThat(pushes.getOrDefault(skipper.orgId(), List.of())).isEmpty();
        // the ISV reads both requests in the campaign's audit trail
        assertThat(operator.get("/api/v1/campaigns/" + campaignId + "/audit").toString())
                .contains("subscriber:" + mover.orgId()).contains("subscriber-request MOVE APPLIED")
                .contains("subscriber-request OPT_OUT APPLIED");
        assertThat(metric("expired")).isGreaterThan(expiredBefore);
    }

    @Test
    void aTamperedLinkGetsAClearPageAndA4xxAndChangesNothing() throws Exception {
        String link = linkIn(awaitNotice(late, "Does this window not suit you?"));
        String tampered = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
        double before = metric("bad_signature");

        HttpResponse<String> page = get(tampered);
        HttpResponse<String> form = post(tampered + "/skip", Map.of("requestId", UUID.randomUUID().toString()));

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("This link has been altered").contains("Nothing was changed.");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(form.statusCode()).isEqualTo(404);
        assertThat(metric("bad_signature")).isEqualTo(before + 2);
        assertThat(get(upshift.portalUrl() + "/s/not-a-link").statusCode()).isEqualTo(404);
    }

    private static JsonNode org(String orgId) {
        return CampaignScript.campaignOrgs(operator, campaignId).stream()
                .filter(o -> orgId.equals(o.path("orgId").asText())).findFirst().orElseThrow();
    }

    /** The text of the latest email to the org's admin that contains {@code words}. */
    private static String awaitNotice(SimulatedOrg org, String words) {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (jakarta.mail.internet.MimeMessage mail : stack.smtp().receivedMessages()) {
                if (Arrays.toString(mail.getAllRecipients()).contains(org.adminEmails().getFirst())) {
                    String text = Evidence.text(mail);
                    if (text.contains(words)) {
                        found[0] = text;
                    }
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    private static String linkIn(String text) {
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a personal link in:\n" + text).isTrue();
        assertThat(link.group()).startsWith(upshift.portalUrl() + "/s/v1.");
        return link.group();
    }

    private static double metric(String reason) throws Exception {
        String scrape = get(upshift.portalMetricsUrl()).body();
        Matcher value = Pattern.compile("upshift_portal_link_rejected_total\\{[^}]*reason=\"" + reason
                + "\"[^}]*} ([0-9.E]+)").matcher(scrape);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", "en").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = String.join("&", form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SimulatedOrg withLocale(SimulatedOrg o, String locale, String zone) {
        return new SimulatedOrg(o.orgId(), o.orgName(), o.orgType(), o.status(), o.instance(), o.installedVersion(),
                o.betaInstalled(), java.time.ZoneId.of(zone), o.windowDays(), o.windowStart(), o.windowEnd(), locale,
                List.of("admin-" + o.orgId().toLowerCase() + "@subscriber.example"), false);
    }

    private static void importOrgs(ApiClient admin, String packageId, List<SimulatedOrg> orgs) throws IOException {
        Path csv = Files.createTempFile("upshift-subscribers", ".csv");
        try {
            try (OutputStream file = Files.newOutputStream(csv)) {
                FleetCsv.write(orgs.stream(), file);
            }
            admin.postFile("/api/v1/packages/" + packageId + "/subscribers/import", csv, "text/csv");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=900,1100",
                "--disable-gpu", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
