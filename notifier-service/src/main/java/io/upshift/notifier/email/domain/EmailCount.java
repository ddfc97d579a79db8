package io.upshift.notifier.email.domain;

/** How many emails of a kind are in a status, for one campaign. */
public record EmailCount(EmailKind kind, EmailStatus status, long count) {
}
