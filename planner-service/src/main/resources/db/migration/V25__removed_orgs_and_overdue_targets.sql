-- A person may remove one org from a live campaign (POST /api/v1/campaigns/{id}/orgs/{orgId}/remove).
-- A waiting org ends CANCELED at once; an org already released keeps its state until the executor
-- answers, and removed_reason tells the tracker that the executor's CANCELED is final (not "put it
-- back in line", as after a halt). Also the reason shown for the org, and never cleared by a retry.
alter table campaign_target add column removed_reason text;
alter table campaign_target add column removed_by text;
alter table campaign_target add column removed_at timestamptz;

-- Orgs the planner timed out whose outcome is still unknown: their push may still be running at
-- Salesforce, so they keep counting against the in-flight caps until the outcome arrives
-- (dispatch/DESIGN.md, "Per-org timeout"). Read on every dispatcher round: a small partial index,
-- empty in a campaign where every outcome arrived in time.
create index campaign_target_overdue on campaign_target (campaign_id, instance)
    where state = 'TIMED_OUT' and error_code = 'PlannerTimeout';
