package io.upshift.notifier.report.config;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.TemplateRenderer;
import io.upshift.notifier.report.domain.ApprovalEmailComposer;
import io.upshift.notifier.report.domain.ApprovalLink;
import io.upshift.notifier.report.domain.DeadlineRiskEmailComposer;
import io.upshift.notifier.report.domain.ReportEmailComposer;
import io.upshift.notifier.report.domain.ReportPolicy;
import io.upshift.notifier.report.domain.ReportQueries;
import io.upshift.notifier.report.domain.ReportSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the report feature's plain-Java domain objects (which campaign events are reported, and how a
 * report is written) from its settings: {@code publisher-recipients}, {@code reports.*}, and for approval requests
 * {@code approver-recipients} and {@code console-url}.
 */
@Configuration(proxyBeanMethods = false)
class PublisherReportsConfiguration {

    @Bean
    ReportPolicy reportPolicy(NotifierProperties properties) {
        return new ReportPolicy(!properties.publisherRecipients().isEmpty(), properties.reports().wavePassed(),
                !properties.approverRecipients().isEmpty());
    }

    @Bean
    ApprovalLink approvalLink(NotifierProperties properties) {
        return new ApprovalLink(properties.consoleUrl());
    }

    @Bean
    EmailComposer approvalEmailComposer(ReportQueries queries, TemplateRenderer templates,
            NotifierProperties properties, ApprovalLink link) {
        return new ApprovalEmailComposer(queries, templates, properties.approverRecipients(),
                properties.reports().locale(), link);
    }

    @Bean
    EmailComposer reportEmailComposer(ReportQueries queries, TemplateRenderer templates, NotifierProperties properties) {
        return new ReportEmailComposer(queries, templates, settings(properties));
    }

    @Bean
    EmailComposer deadlineRiskEmailComposer(ReportQueries queries, TemplateRenderer templates,
            NotifierProperties properties) {
        return new DeadlineRiskEmailComposer(queries, templates, settings(properties));
    }

    private static ReportSettings settings(NotifierProperties properties) {
        NotifierProperties.Reports reports = properties.reports();
        return new ReportSettings(properties.publisherRecipients(), reports.locale(), reports.settleTimeout(),
                reports.worstPods(), reports.csvLimit());
    }
}
