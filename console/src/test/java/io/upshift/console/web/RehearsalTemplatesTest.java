package io.upshift.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rehearsal templates rendered with what the pages put in their model: each figure lands where the
 * browser test and people look for it, a VIEWER gets no form, and a running rehearsal polls while a done one
 * does not.
 */
class RehearsalTemplatesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SpringTemplateEngine ENGINE = engine();

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    private static String render(String template, Set<String> fragments, Map<String, Object> model) {
        JakartaServletWebApplication app = JakartaServletWebApplication.buildApplication(new MockServletContext());
        WebContext context = new WebContext(app.buildExchange(new MockHttpServletRequest(), new MockHttpServletResponse()),
                Locale.ENGLISH, model);
        return ENGINE.process(template, fragments, context);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> done() throws IOException {
        try (InputStream in = RehearsalTemplatesTest.class.getResourceAsStream("/rehearsal-done.json")) {
            return JSON.readValue(in, LinkedHashMap.class);
        }
    }

    private static Map<String, Object> campaign(String state) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", "5d1c7f3a-0000-4000-8000-000000000002");
        c.put("name", "Acme Billing 4.2.1");
        c.put("state", state);
        c.put("definition", Map.of("gate", Map.of("failureThresholdPercent", 10, "minimumFinished", 5)));
        return c;
    }

    @Test
    void aDoneRehearsalShowsItsReportAndStopsPolling() throws IOException {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("c", campaign("DRAFT"));
        model.put("r", RehearsalView.rehearsal(done()));

        String html = render("rehearsal", null, model);

        assertThat(html).contains("id=\"makespan\"").contains("wave 1 (CANARY): 100 %")
                .contains("What history did not tell").contains("ApexTestFailure 99 %").contains("15 min 45 s")
                .contains("HELD").contains("canaryPercent").doesNotContain("hx-trigger")
                .contains("<h2>Failures by type (per run)</h2>").contains("id=\"failures-by-type\"")
                .contains("<h2>Failures by pod (per run)</h2>").contains("id=\"failures-by-pod\"").contains("<th>Pod</th>");
    }

    @Test
    void aRunningRehearsalPollsEverySecondAndAFailedOneSaysWhy() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("r", RehearsalView.rehearsal(Map.of("id", "r1", "campaignId", "c1", "state", "RUNNING", "seeds", 20)));
        String running = render("rehearsal", Set.of("report"), model);
        assertThat(running).contains("hx-trigger=\"every 1s\"").contains("hx-get=\"/campaigns/c1/rehearsals/r1/report\"")
                .contains("Rehearsing");

        model.put("r", RehearsalView.rehearsal(Map.of("id", "r1", "campaignId", "c1", "state", "FAILED", "error", "boom")));
        assertThat(render("rehearsal", Set.of("report"), model)).contains("The rehearsal failed: boom")
                .doesNotContain("hx-trigger");
    }

    @Test
    void theCampaignPageOffersTheFormToAnOperatorOfADraftOnlyAndComparesTwoDoneRehearsals() throws IOException {
        Map<String, Object> other = new LinkedHashMap<>(done());
        other.put("id", "7b0e2c1e-0000-4000-8000-000000000009");
        other.put("overrides", null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("c", campaign("DRAFT"));
        model.put("canOperate", true);
        model.put("rehearsals", RehearsalView.rehearsals(List.of(done(), other)));
        model.put("draft", RehearsalView.draft(campaign("DRAFT")));

        String html = render("campaign", Set.of("rehearsals"), model);
        assertThat(html).contains("id=\"rehearse\"").contains("value=\"100\"").contains("value=\"PT1H\"")
                .contains("placeholder=\"draft: 10 %\"").contains("id=\"compare-form\"").contains("canaryPercent");

        model.put("canOperate", false);
        assertThat(render("campaign", Set.of("rehearsals"), model)).doesNotContain("id=\"rehearse\"")
                .contains("id=\"rehearsal-list\"");
        model.put("c", campaign("RUNNING"));
        model.put("canOperate", true);
        model.put("rehearsals", List.of());
        assertThat(render("campaign", Set.of("rehearsals"), model)).doesNotContain("Rehearsals");
        // the planner's 409 (scheduled meanwhile) is still said where the form was
        model.put("rehearseError", "The rehearsal did not start: campaign is SCHEDULED.");
        model.put("rehearseErrors", List.of("seeds must be from 1 to 1000"));
        assertThat(render("campaign", Set.of("rehearsals"), model)).contains("id=\"rehearse-error\"")
                .contains("campaign is SCHEDULED").contains("seeds must be from 1 to 1000").doesNotContain("id=\"rehearse\"");
    }

    @Test
    void theComparisonIsATableOfBothSides() throws IOException {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("c", campaign("DRAFT"));
        model.put("cmp", RehearsalView.comparison(Map.of("a", done(), "b", done(),
                "figures", Map.of("haltProbability", List.of(1.0, 0.5)))));
        assertThat(render("rehearsal-compare", null, model)).contains("Halt probability").contains("50 %")
                .contains("class=\"differs\"");
    }
}
