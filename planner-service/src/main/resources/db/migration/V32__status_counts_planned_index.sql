-- #21: the campaign view counts orgs by state from the wave counters, which lump PLANNED and
-- NOTIFIED together; PLANNED (notice not yet published) is counted from this partial index, a few
-- rows once a campaign's notices are out, instead of a GROUP BY over every target.
create index campaign_target_planned on campaign_target (campaign_id) where state = 'PLANNED';
