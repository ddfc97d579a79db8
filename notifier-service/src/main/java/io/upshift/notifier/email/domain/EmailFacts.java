package io.upshift.notifier.email.domain;

/**
 * What an email is about, stored with its row when it is queued. The content is composed from the
 * facts when the email is sent, so a late email still uses the current contacts and suppressions.
 */
public sealed interface EmailFacts permits NoticeFacts, ResultFacts, ReportFacts {
}
