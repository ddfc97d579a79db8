package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
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
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
        upshift = LocalUpshift.start(DevStack.shared(), DemoScenario.settings(options, 1).withExecutor(badInEurope)
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
        screenshot(browser, "campaign-halted");

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
            active.sendKeys(Keys.TAB);
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
