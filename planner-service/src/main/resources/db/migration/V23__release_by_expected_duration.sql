-- Release order: least slack first. Each target carries how long its push is expected to take
-- (the org's last successful push of the package, else the campaign's expectedUpgradeDuration)
-- and so the latest instant it can start and still end inside its window. The dispatcher releases
-- in release_by order: with one shared window that is longest-expected first, which shortens a
-- campaign whose per-pod caps keep slots busy (a long push started last sets the end — measured in
-- bench/, ISSUE-8); with per-org windows an org that needs 40 minutes of a one-hour window goes
-- before one that needs 5.
alter table campaign_target add column expected_ms bigint not null default 0;
alter table campaign_target add column release_by timestamptz;
-- targets planned before this change keep their old order (earliest window end first)
update campaign_target set release_by = window_end;
alter table campaign_target alter column release_by set not null;

drop index campaign_target_releasable;
create index campaign_target_releasable on campaign_target (campaign_id, release_by, org_id)
    where state = 'NOTIFIED';
drop index campaign_target_releasable_by_instance;
create index campaign_target_releasable_by_instance on campaign_target (campaign_id, instance, release_by, org_id)
    where state = 'NOTIFIED';
