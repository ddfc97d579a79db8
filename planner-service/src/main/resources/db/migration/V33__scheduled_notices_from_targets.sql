-- #21: a scheduled campaign's SCHEDULED notices are no longer outbox rows written at schedule time;
-- a target written PLANNED with no notice id owes its subscriber the notice, and the outbox relay
-- builds it from the target when it sends it (planning/kafka/ScheduledNotices). This is the relay's
-- working set, the earliest window first; a target leaves it when marked NOTIFIED, cancelled or moved.
create index campaign_target_unannounced on campaign_target (window_start)
    where state = 'PLANNED' and notice_id is null;
