-- Who scheduled a campaign: the four-eyes rule keeps them, like its creator, from approving its
-- first production wave (ISSUE-17).
alter table campaign add column scheduled_by text;

-- The window sweep moves only orgs of waves that have started: a wave that waits (for approval, or
-- for a slow wave before it) keeps the windows its orgs were promised instead of sending a notice
-- each time one passes (ISSUE-17). With the wave in the key the sweep reads just the expired orgs
-- of the started waves, however many orgs of a waiting wave have an expired window.
drop index campaign_target_waiting;
create index campaign_target_waiting on campaign_target (campaign_id, wave_number, window_end)
    where state in ('PLANNED', 'NOTIFIED');
