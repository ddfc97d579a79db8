-- #21: a scheduled campaign's SCHEDULED notices are no longer outbox rows written at schedule time;
-- a target written PLANNED with no notice id owes its subscriber the notice, and the outbox relay
-- builds it from the target when it sends it (planning/kafka/ScheduledNotices).
--
-- The campaigns that may still owe notices: one row written in the scheduling transaction, deleted by
-- the relay once the campaign owes none. The relay reads targets only of campaigns listed here, so it
-- never walks the index entries of a schedule still in progress (uncommitted rows it would visit and
-- skip on every poll: up to a million per poll while a million-org campaign is being written).
create table notice_backlog (
    campaign_id uuid primary key references campaign (campaign_id)
);

-- The relay's working set per campaign, the earliest window first; a target leaves it when marked
-- NOTIFIED, cancelled or moved (which sets a notice id).
create index campaign_target_unannounced on campaign_target (campaign_id, window_start)
    where state = 'PLANNED' and notice_id is null;
