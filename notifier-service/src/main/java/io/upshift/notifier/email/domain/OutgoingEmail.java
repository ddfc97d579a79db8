package io.upshift.notifier.email.domain;

import java.util.UUID;

/** A composed email on its way to the relay, with the row it came from. */
public record OutgoingEmail(UUID id, EmailKind kind, String campaignId, String orgId, ComposedEmail email) {
}
