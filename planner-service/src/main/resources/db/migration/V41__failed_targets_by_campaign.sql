-- The failure breakdown (GET /api/v1/campaigns/{id}/failures, the console's campaign page) reads only a
-- campaign's failed and timed-out targets: a partial index keeps that read proportional to the failures,
-- not to the campaign (a 100,000-org campaign with 40 failures reads 40 rows). V35 made a narrower index of
-- the same name and rows for org health (campaign_id, org_id); this one serves both, so it replaces it: one
-- index to maintain on every target write, not two.
drop index if exists campaign_target_failed;
create index campaign_target_failed on campaign_target (campaign_id, error_code, instance, org_id)
    where state in ('FAILED', 'TIMED_OUT');
