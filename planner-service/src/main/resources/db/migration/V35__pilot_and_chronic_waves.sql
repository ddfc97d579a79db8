-- Waves of a pilot list (before the canary) and of the chronic orgs (after everyone else), #22.
alter table campaign_wave drop constraint campaign_wave_kind_check;
alter table campaign_wave add constraint campaign_wave_kind_check
    check (kind in ('PILOT', 'SANDBOX', 'CANARY', 'RAMP', 'CHRONIC'));
-- the pilot list a PILOT wave holds: its gate is the one the strategy gives that list
alter table campaign_wave add column pilot_list text;
