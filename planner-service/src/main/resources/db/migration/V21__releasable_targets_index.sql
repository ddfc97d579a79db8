-- The dispatcher's release query asks for the first N NOTIFIED orgs of a campaign in
-- (window_end, org_id) order. campaign_target_waiting orders by window_end only, so when many orgs
-- share a window end (an always-open window, one maintenance window for a whole region) PostgreSQL
-- had to read and sort every waiting org of the campaign on each round — ~30-600 ms for 100,000
-- orgs, with the campaign row locked, so outcome batches queued behind it. With org_id in the key
-- the index hands the rows over in order and the scan stops after N.
create index campaign_target_releasable on campaign_target (campaign_id, window_end, org_id)
    where state = 'NOTIFIED';
