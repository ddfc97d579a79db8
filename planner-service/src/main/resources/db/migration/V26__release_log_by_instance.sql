-- The per-instance rate cap (pacing.maxCommandsPerMinutePerInstance) needs each round's releases
-- per Salesforce instance. A campaign with that cap logs one row per instance and round; others
-- keep one row per round with no instance. The global rate sums every row either way.
alter table dispatch_release add column instance text;
