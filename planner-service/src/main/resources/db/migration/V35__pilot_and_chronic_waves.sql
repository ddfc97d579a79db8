-- Waves of a pilot list (before the canary) and of the chronic orgs (after everyone else), #22.
alter table campaign_wave drop constraint campaign_wave_kind_check;
alter table campaign_wave add constraint campaign_wave_kind_check
    check (kind in ('PILOT', 'SANDBOX', 'CANARY', 'RAMP', 'CHRONIC'));
-- the pilot list a PILOT wave holds: its gate is the one the strategy gives that list
alter table campaign_wave add column pilot_list text;

-- Org health reads each of the package's last few campaigns' failed orgs whenever a campaign is planned: the
-- failed few of a campaign, not its million targets
create index campaign_target_failed on campaign_target (campaign_id, org_id) where state in ('FAILED', 'TIMED_OUT');
