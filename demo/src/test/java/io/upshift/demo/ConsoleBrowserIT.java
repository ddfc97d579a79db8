package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.security.testing.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, headless, through chromedriver) against the embedded
 * stack with a small simulated fleet and compressed time. The release is bad in the EU production pods
 * only, so one stack shows both a campaign that completes (NA, USA and sandbox pods) and one that halts.
 * Every wait is on a page condition; the campaign page is never reloaded while it is watched (live updates).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final List<String> BAD_PODS = List.of("EU25", "EU32", "EU44", "GBR22", "DEU40");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final TestIssuer ISSUER = TestIssuer.shared();

    private static LocalUpshift upshift;
    private static ApiClient admin;
    private static String packageId;
    private static String operatorKey;
    private static String secondOperatorKey;
    private static String approverKey;
    private static String viewerKey;
    private static WebDriver browser;
    private static WebDriver other;
    private static String console;
    private static String goodCampaign;
    private static String badCampaign;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "the browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
        DemoScenario.Options options = DemoScenario.Options.defaults().withOrgs(200).withSeed(3).withRun(401);
        Map<String, String> badInEurope = new LinkedHashMap<>();
        BAD_PODS.forEach(pod -> badInEurope.put("upshift.executor.simulated.failures.instances." + pod + ".ApexTestFailure", "1.0"));
        // the planner trusts the test issuer (as it trusts the organisation's in production) and the console
        // signs people in against it: OpenID Connect next to the API-key form
        ISSUER.signIn().person("olga", "OPERATOR").person("vera", "VIEWER").accessTokensLive(Duration.ofSeconds(5));
        Map<String, String> sso = new LinkedHashMap<>();
        sso.put("spring.security.oauth2.client.registration.upshift.client-id", "upshift-console");
        sso.put("spring.security.oauth2.client.registration.upshift.client-secret", "console-secret");
        sso.put("spring.security.oauth2.client.registration.upshift.client-name", "Upshift SSO");
        sso.put("spring.security.oauth2.client.registration.upshift.scope", "openid");
        sso.put("spring.security.oauth2.client.provider.upshift.issuer-uri", ISSUER.issuerUri());
        upshift = LocalUpshift.start(DevStack.shared(), DemoScenario.settings(options, 1).withExecutor(badInEurope)
                .withPlanner(ISSUER.springProperties()).withNotifier(ISSUER.springProperties()).withConsole(sso)
                .withDatabase("console"));
        console = upshift.consoleUrl();
        admin = upshift.plannerAsAdmin();
        packageId = options.packageId();
        admin.post("/api/v1/packages", Map.of("packageId", packageId, "name", "Acme Billing", "namespace", "acme"));
        for (int i = 0; i < DemoScenario.VERSIONS.size(); i++) {
            admin.post("/api/v1/packages/" + packageId + "/versions", Map.of("versionId", options.versionId(i),
                    "version", DemoScenario.VERSIONS.get(i), "releaseState", "RELEASED"));
        }
        operatorKey = admin.createKey("release-manager", "OPERATOR");
        secondOperatorKey = admin.createKey("second-operator", "OPERATOR");
        approverKey = admin.createKey("approver", "APPROVER");
        viewerKey = admin.createKey("viewer", "VIEWER");
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        browser = chromium();
        other = chromium();
    }

    @AfterAll
    static void stop() {
        for (WebDriver driver : new WebDriver[] {browser, other}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    @Order(1)
    void anAdminImportsTheFleetAndSeesEachBadLine() throws IOException {
        signIn(browser, upshift.adminKey());
        browser.get(console + "/packages");
        Path bad = Files.createTempFile("orgs", ".txt");
        Files.writeString(bad, "00D000000000001AAA\nnot-an-org-id\n");
        browser.findElement(By.cssSelector("input[type=file]")).sendKeys(bad.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
        assertThat(waitFor(browser, By.id("error")).getText()).contains("line 2");

        Path csv = Files.createTempFile("fleet", ".csv");
        FleetCsv.write(new FleetGenerator(FleetOptions.defaults(200, 3).withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN))
                .stream(), csv);
        browser.findElement(By.cssSelector("input[type=file]")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
        assertThat(waitFor(browser, By.id("import-report")).getText()).contains("inserted=200");
        screenshot(browser, "packages");
        signOut(browser);
    }

    @Test
    @Order(2)
    void anOperatorFillsTheCampaignFormByKeyboardPreviewsAndSchedulesIt() {
        signIn(browser, operatorKey);
        browser.get(console + "/campaigns/new");
        waitFor(browser, By.id("campaign-form"));
        // every field has a label a screen reader reads
        List<String> unlabelled = new ArrayList<>();
        for (WebElement field : browser.findElements(By.cssSelector("#campaign-form input:not([type=hidden]), #campaign-form select, #campaign-form textarea"))) {
            String id = field.getAttribute("id");
            boolean labelled = (id != null && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
                    || !field.findElements(By.xpath("ancestor::label")).isEmpty()
                    || !field.findElements(By.xpath("ancestor::*[@aria-labelledby]")).isEmpty();
            if (!labelled) {
                unlabelled.add(field.getAttribute("name"));
            }
        }
        assertThat(unlabelled).as("inputs without a label").isEmpty();

        // keyboard only: Tab to each field, type, and press Enter on "Preview"
        typeInto(browser, "name", "Acme Billing 4.2.1 (Americas)");
        typeInto(browser, "targetVersion", DemoScenario.TARGET_VERSION);
        typeInto(browser, "instances", "NA*, USA*, CS*");
        typeInto(browser, "noticePeriod", "PT5S");
        typeInto(browser, "maxInFlight", "50");
        typeInto(browser, "expectedDuration", "PT2S");
        typeInto(browser, "threshold", "40");
        typeInto(browser, "minimumFinished", "5");
        typeInto(browser, "orgTimeout", "PT2M");
        tabTo(browser, "preview").sendKeys(Keys.ENTER);

        waitFor(browser, By.id("schedule"));
        assertThat(Long.parseLong(browser.findElement(By.id("eligible")).getText())).isPositive();
        assertThat(browser.findElement(By.id("exclusions")).getText()).contains("NOT_SELECTED");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#timeline canvas")).isEmpty());
        screenshot(browser, "preview");
        goodCampaign = browser.getCurrentUrl().replaceAll(".*/campaigns/([^/]+)/preview.*", "$1");
        browser.findElement(By.id("schedule")).click();
        assertThat(waitFor(browser, By.id("message")).getText()).contains("Scheduled");
    }

    @Test
    @Order(3)
    void theCampaignPageFollowsTheCampaignLiveToCompleted() {
        // no reload from here on: the page changes by itself (server-sent events)
        new WebDriverWait(browser, Duration.ofSeconds(150)).until(ExpectedConditions.textToBe(By.id("campaign-state"), "COMPLETED"));
        assertThat(browser.findElement(By.id("created-by")).getText()).isEqualTo("apikey:release-manager");
        assertThat(browser.findElement(By.id("scheduled-by")).getText()).isEqualTo("apikey:release-manager");
        assertThat(Long.parseLong(browser.findElement(By.id("count-succeeded")).getText())).isPositive();
        assertThat(browser.findElements(By.cssSelector("#waves tbody tr"))).hasSizeGreaterThan(1);
        assertThat(browser.findElement(By.id("audit")).getText()).contains("/schedule");
        screenshot(browser, "campaign-completed");

        // the orgs table finds an org by the start of its id, and by the start of its name in any case
        WebElement firstOrg = browser.findElement(By.cssSelector("#orgs tbody tr td code"));
        String orgId = firstOrg.getText();
        String orgName = browser.findElement(By.cssSelector("#orgs tbody tr td a")).getText();
        search(orgId.substring(0, 15));
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#orgs tbody tr")).size() == 1
                && d.findElement(By.cssSelector("#orgs tbody tr td code")).getText().equals(orgId));
        search(orgName.substring(0, Math.min(6, orgName.length())).toLowerCase(java.util.Locale.ROOT));
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#orgs tbody tr td a"))
                .stream().allMatch(a -> a.getText().toLowerCase(java.util.Locale.ROOT)
                        .startsWith(orgName.substring(0, Math.min(6, orgName.length())).toLowerCase(java.util.Locale.ROOT))));
        search("");
    }

    private static void search(String text) {
        WebElement field = browser.findElement(By.id("org-search"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text, Keys.ENTER);
    }

    @Test
    @Order(4)
    void aBadReleaseIsShownHaltingWithItsReasonAndFailedOrgsAreRetried() {
        ApiClient operator = admin.as(operatorKey);
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Acme Billing 4.2.1 (Europe)");
        campaign.put("packageId", packageId);
        campaign.put("targetVersion", DemoScenario.TARGET_VERSION);
        campaign.put("selection", Map.of("instances", List.of("EU*", "GBR*", "DEU*")));
        campaign.put("strategy", Map.of("canary", Map.of("count", 8), "ramp", Map.of("type", "DOUBLING")));
        campaign.put("schedule", Map.of("noticePeriod", "PT5S"));
        campaign.put("pacing", Map.of("maxInFlight", 4, "expectedUpgradeDuration", "PT2S"));
        campaign.put("gate", Map.of("failureThresholdPercent", 10, "minimumFinished", 4));
        campaign.put("orgTimeout", "PT2M");
        badCampaign = operator.post("/api/v1/campaigns", campaign).path("id").asText();
        operator.post("/api/v1/campaigns/" + badCampaign + "/schedule", Map.of());

        browser.get(console + "/campaigns/" + badCampaign);
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(By.id("campaign-state"), "HALTED"));
        assertThat(waitFor(browser, By.id("halted-reason")).getText()).startsWith("Halted: ");
        assertThat(Long.parseLong(browser.findElement(By.id("count-failed")).getText())).isPositive();
        // the failure breakdown: the bad release's one error, on the bad pods only (the live updates may replace
        // the fragment between two reads: each read is retried on a stale element)
        WebDriverWait live = new WebDriverWait(browser, Duration.ofSeconds(20));
        live.ignoring(StaleElementReferenceException.class);
        String firstError = live.until(d -> d.findElement(By.cssSelector("#failures-by-error tbody tr td a")).getText());
        assertThat(firstError).isEqualTo("ApexTestFailure");
        List<String> pods = live.until(d -> d.findElements(By.cssSelector("#failures-by-pod tbody tr td:first-child a"))
                .stream().map(WebElement::getText).toList());
        assertThat(pods).isNotEmpty().allMatch(BAD_PODS::contains);
        screenshot(browser, "campaign-halted");
        // its error links to the orgs table filtered by that error
        live.until(d -> {
            d.findElement(By.linkText("ApexTestFailure")).click();
            return true;
        });
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "ApexTestFailure".equals(
                d.findElement(By.id("org-error")).getAttribute("value")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#orgs tbody tr"));
        assertThat(rows).isNotEmpty().allMatch(row -> row.getText().contains("ApexTestFailure"));

        browser.findElement(By.id("action-retry-failed")).click();
        assertThat(waitFor(browser, By.id("effect")).getText()).contains("Retry puts").contains("failed or timed-out orgs back in line");
        browser.findElement(By.id("confirm")).click();
        assertThat(waitFor(browser, By.id("message")).getText()).contains("back in line");
    }

    @Test
    @Order(5)
    void twoPeopleActOnOneCampaignAndTheSecondIsToldItChanged() {
        browser.get(console + "/campaigns/" + badCampaign);
        waitFor(browser, By.id("action-resume")).click();
        assertThat(waitFor(browser, By.id("effect")).getText()).startsWith("Resume releases");

        signIn(other, secondOperatorKey);
        other.get(console + "/campaigns/" + badCampaign + "/confirm/cancel");
        waitFor(other, By.id("confirm")).click();
        assertThat(waitFor(other, By.id("message")).getText()).contains("Canceled");

        browser.findElement(By.id("confirm")).click();
        assertThat(waitFor(browser, By.id("error")).getText()).contains("changed meanwhile");
        screenshot(browser, "conflict");
        signOut(other);
    }

    @Test
    @Order(6)
    void aViewerSeesNoButtonAndAForgedPostIsRefused() {
        signIn(other, viewerKey);
        other.get(console + "/campaigns/" + goodCampaign);
        waitFor(other, By.id("campaign-state"));
        assertThat(other.findElements(By.cssSelector("[id^=action-]"))).isEmpty();
        assertThat(other.findElement(By.id("my-roles")).getText()).isEqualTo("VIEWER");
        assertThat(other.findElements(By.linkText("New campaign"))).isEmpty();
        Object status = ((JavascriptExecutor) other).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name=_csrf]').content;
                fetch('/campaigns/%s/retry-failed', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                      body: '_csrf=' + encodeURIComponent(token) + '&version=0'}).then(r => done(r.status));
                """.formatted(goodCampaign));
        assertThat(((Number) status).intValue()).isEqualTo(403);
        Object withoutToken = ((JavascriptExecutor) other).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/campaigns/%s/pause', {method: 'POST'}).then(r => done(r.status));
                """.formatted(goodCampaign));
        assertThat(((Number) withoutToken).intValue()).as("no CSRF token").isEqualTo(403);
        screenshot(other, "campaign-as-viewer");
    }

    @Test
    @Order(7)
    void anOperatorSelectsOrgsByUploadingAFileAndSeesEachBadLine() throws IOException {
        signIn(browser, operatorKey);
        List<String> orgIds = new ArrayList<>();
        admin.get("/api/v1/orgs?limit=3&packageId=" + packageId).path("items").forEach(o -> orgIds.add(o.path("orgId").asText()));
        Path file = Files.createTempFile("selection", ".csv");
        Files.writeString(file, "org_id\n" + orgIds.get(0) + "\nnot-an-org\n" + orgIds.get(1) + "\n");
        browser.get(console + "/campaigns/new");
        browser.findElement(By.id("name")).sendKeys("Acme Billing 4.2.1 (three customers)");
        browser.findElement(By.id("targetVersion")).sendKeys(DemoScenario.TARGET_VERSION);
        browser.findElement(By.id("orgFile")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("preview")).click();
        String refused = waitFor(browser, By.id("error")).getText();
        assertThat(refused).contains("line 3").contains("discarded");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Acme Billing 4.2.1 (three customers)");

        browser.findElement(By.id("orgFile")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("orgFilePartial")).click();
        browser.findElement(By.id("preview")).click();
        assertThat(waitFor(browser, By.id("message")).getText()).contains("Selected 2 orgs");
        assertThat(browser.findElement(By.id("error")).getText()).contains("Skipped 1 bad line").contains("line 3");
        screenshot(browser, "selection-from-file");
        signOut(browser);
    }

    @Test
    @Order(8)
    void anAdminSyncsSubscribersWhereConfiguredAndIsToldWhyNotHere() {
        signIn(browser, upshift.adminKey());
        browser.get(console + "/packages");
        waitFor(browser, By.cssSelector("[id^=sync-]")).click();
        // the local stack has no Salesforce connection: the planner's 409 says which setting is missing
        assertThat(waitFor(browser, By.id("error")).getText()).contains("The sync did not run")
                .contains("upshift.planner.salesforce.enabled");
        signOut(browser);
        signIn(other, viewerKey);
        other.get(console + "/packages");
        waitFor(other, By.tagName("h1"));
        assertThat(other.findElements(By.cssSelector("[id^=sync-]"))).as("a VIEWER has no sync button").isEmpty();
        signOut(other);
    }

    @Test
    @Order(9)
    void peopleSignInWithOpenIdConnectSeeTheirRolesAndAreRefreshedOrSentBackToSignIn() {
        String draft = admin.as(operatorKey).post("/api/v1/campaigns", Map.of("name", "Acme Billing 4.2.1 (SSO draft)",
                "packageId", packageId, "targetVersion", DemoScenario.TARGET_VERSION)).path("id").asText();

        // a VIEWER through the identity provider: no button
        oidcSignIn(other, "vera");
        assertThat(other.findElement(By.id("my-roles")).getText()).isEqualTo("VIEWER");
        other.get(console + "/campaigns/" + draft);
        waitFor(other, By.id("campaign-state"));
        assertThat(other.findElements(By.cssSelector("[id^=action-]"))).isEmpty();
        assertThat(other.findElements(By.linkText("New campaign"))).isEmpty();
        signOut(other);

        // an OPERATOR: the buttons of an operator, on every page, across access-token expiry (5 s) by refresh
        int refreshedBefore = ISSUER.signIn().refreshes();
        oidcSignIn(other, "olga");
        assertThat(other.findElement(By.id("signed-in-as")).getText()).contains("olga");
        // the API gives an OPERATOR the VIEWER role too
        assertThat(other.findElement(By.id("my-roles")).getText()).isEqualTo("OPERATOR · VIEWER");
        other.get(console + "/campaigns/" + draft);
        assertThat(waitFor(other, By.id("action-cancel")).getText()).isEqualTo("Discard draft");
        assertThat(other.findElements(By.linkText("New campaign"))).isNotEmpty();
        // the notifier trusts the same issuer: the emails are read with the same token
        assertThat(other.findElement(By.id("activity")).getText()).doesNotContain("needs credentials");
        screenshot(other, "signed-in-with-sso");
        // the console refreshes a token within a minute of its end: each page here is read with a refreshed one
        assertThat(ISSUER.signIn().refreshes()).isGreaterThan(refreshedBefore);
        other.get(console + "/campaigns/" + draft);
        assertThat(waitFor(other, By.id("action-cancel")).isDisplayed()).isTrue();

        // the provider ends the session: the next page sends the person to sign in again, said in one line
        ISSUER.signIn().revokeRefreshTokens();
        other.get(console + "/campaigns/" + draft);
        assertThat(waitFor(other, By.id("expired")).getText()).isEqualTo("Your sign-in has expired. Please sign in again.");
        assertThat(other.getPageSource()).doesNotContain("Exception").doesNotContain("Whitelabel");
        screenshot(other, "sign-in-expired");
        // and signs in again
        oidcSignIn(other, "olga");
        other.get(console + "/campaigns/" + draft);
        waitFor(other, By.id("action-cancel"));
        signOut(other);
    }

    @Test
    @Order(10)
    void theDemosSignInLinkWorksOnceAndHoldsNoKey() {
        String link = upshift.consoleSignInLink(operatorKey);
        assertThat(link).startsWith(console + "/sign-in/link?token=").doesNotContain(operatorKey);
        browser.get(link);
        assertThat(waitFor(browser, By.id("signed-in-as")).getText()).isEqualTo("apikey:release-manager");
        signOut(browser);
        browser.get(link);
        assertThat(waitFor(browser, By.id("link-used")).getText()).contains("used already");
        assertThat(browser.findElements(By.id("signed-in-as"))).isEmpty();
    }

    @Test
    @Order(11)
    void anOperatorRehearsesADraftTwiceAndComparesAndAViewerOnlyReadsTheReports() {
        // every org of the package not on the target yet; the twin is fitted from the campaigns above
        String draft = admin.as(operatorKey).post("/api/v1/campaigns", Map.of("name", "Acme Billing 4.2.1 (rehearsed)",
                "packageId", packageId, "targetVersion", DemoScenario.TARGET_VERSION,
                "strategy", Map.of("canary", Map.of("percent", 10)), "schedule", Map.of("noticePeriod", "PT5S"),
                "pacing", Map.of("maxInFlight", 20, "expectedUpgradeDuration", "PT2S"),
                "gate", Map.of("failureThresholdPercent", 20, "minimumFinished", 5), "orgTimeout", "PT2M"))
                .path("id").asText();
        signIn(browser, operatorKey);
        browser.get(console + "/campaigns/" + draft);
        // the planner's 400 is said next to the form, the form kept as filled in
        WebElement delay = waitFor(browser, By.id("rehearse-delay"));
        delay.sendKeys(Keys.chord(Keys.CONTROL, "a"), "-PT1H");
        browser.findElement(By.id("rehearse")).click();
        assertThat(waitFor(browser, By.id("rehearse-error")).getText()).contains("did not start").contains("approvalDelay");
        assertThat(browser.findElement(By.id("rehearse-delay")).getAttribute("value")).isEqualTo("-PT1H");
        browser.findElement(By.id("rehearse-delay")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "PT1H");
        rehearse("20", null);
        // the page polls the running rehearsal and shows its report when done
        assertThat(waitFor(browser, By.id("makespan")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#rehearsal-waves tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("halt")).getText()).startsWith("A gate halted");
        assertThat(browser.findElement(By.id("outcomes")).getText()).contains("Succeeded").contains("Failed");
        assertThat(browser.findElement(By.id("twin")).getText()).contains("Pushes seen").contains("Campaigns seen");
        assertThat(browser.findElement(By.id("safety")).getText()).containsAnyOf("HELD", "BROKEN");
        String report = browser.getCurrentUrl();
        screenshot(browser, "rehearsal-report");

        browser.findElement(By.id("back-to-campaign")).click();
        rehearse("20", "2");
        assertThat(waitFor(browser, By.id("makespan")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("rehearsal-overrides")).getText()).contains("canaryPercent 2 %");
        browser.findElement(By.id("back-to-campaign")).click();
        assertThat(waitFor(browser, By.id("rehearsal-list")).findElements(By.cssSelector("tbody tr"))).hasSize(2);
        browser.findElement(By.id("compare")).click();
        String comparison = waitFor(browser, By.id("comparison")).getText();
        assertThat(comparison).contains("Halt probability").contains("Makespan (median)")
                .contains("Overrides of the draft none canaryPercent 2 %\n").contains("Approvals assumed after 1 h 1 h");
        screenshot(browser, "rehearsal-compare");
        signOut(browser);

        signIn(other, viewerKey);
        other.get(report);
        assertThat(waitFor(other, By.id("makespan")).isDisplayed()).isTrue();
        other.get(console + "/campaigns/" + draft);
        waitFor(other, By.id("rehearsal-list"));
        assertThat(other.findElements(By.id("rehearse"))).as("a VIEWER has no Rehearse button").isEmpty();
        signOut(other);
    }

    /** Fills the campaign page's rehearsal form (seeds, and a canary percentage unless null) and starts it. */
    private static void rehearse(String seeds, String canaryPercent) {
        WebElement field = waitFor(browser, By.id("rehearse-seeds"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), seeds);
        if (canaryPercent != null) {
            browser.findElement(By.id("rehearse-canary")).sendKeys(canaryPercent);
        }
        browser.findElement(By.id("rehearse")).click();
        waitFor(browser, By.id("rehearsal-report"));
    }

    private static void oidcSignIn(WebDriver driver, String name) {
        driver.get(console + "/sign-in");
        waitFor(driver, By.id("sign-in-upshift")).click();
        waitFor(driver, By.id("username")).sendKeys(name);
        driver.findElement(By.id("kc-login")).click();
        waitFor(driver, By.id("signed-in-as"));
    }

    /** What each browser showed when a test ended: the first thing to look at when one fails. */
    @org.junit.jupiter.api.AfterEach
    void keepWhatTheBrowsersShowed(org.junit.jupiter.api.TestInfo test) throws IOException {
        String name = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
        Files.createDirectories(SCREENSHOTS.resolve("last"));
        Files.writeString(SCREENSHOTS.resolve("last").resolve(name + ".html"), browser.getPageSource());
        Files.writeString(SCREENSHOTS.resolve("last").resolve(name + "-other.html"), other.getPageSource());
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1360,1700",
                "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void signIn(WebDriver driver, String key) {
        driver.get(console + "/sign-in");
        waitFor(driver, By.id("apiKey")).sendKeys(key);
        driver.findElement(By.id("sign-in")).click();
        waitFor(driver, By.id("signed-in-as"));
    }

    private static void signOut(WebDriver driver) {
        driver.findElement(By.cssSelector("header form button")).click();
        waitFor(driver, By.id("apiKey"));
    }

    private static WebElement waitFor(WebDriver driver, By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Presses Tab until the field has the focus (at most 80 times), then types into it. */
    private static void typeInto(WebDriver driver, String id, String text) {
        WebElement field = tabTo(driver, id);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
    }

    private static WebElement tabTo(WebDriver driver, String id) {
        for (int i = 0; i < 80; i++) {
            WebElement active = driver.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            // the keyboard, not the element: sendKeys on a file input would take the Tab for a file name
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private static void screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
