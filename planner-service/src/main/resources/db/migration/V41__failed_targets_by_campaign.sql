-- The failure breakdown (GET /api/v1/campaigns/{id}/failures, the console's campaign page) reads only a
-- campaign's failed and timed-out targets: a partial index keeps that read proportional to the failures,
-- not to the campaign (a 100,000-org campaign with 40 failures reads 40 rows).
create index campaign_target_failed on campaign_target (campaign_id, error_code, instance, org_id)
    where state in ('FAILED', 'TIMED_OUT');
