-- The planner's watch over a campaign's deadline (dispatch/DESIGN.md, "Deadlines"): on each sweep of a
-- running, paused or halted campaign with a deadline, it re-projects when the campaign's orgs will be done
-- and keeps the verdict here, so every replica (and the gauges) read the same one and AT_RISK /
-- BACK_ON_TRACK are emitted once per transition. Not part of the campaign's optimistic-lock version: a
-- projection is not a person's change, and must not make an If-Match stale.
alter table campaign add column at_risk boolean not null default false;
-- since when the projection has passed the deadline (null while on track)
alter table campaign add column at_risk_since timestamptz;
-- when the last projection sees the campaign's last org done; null when it cannot finish (paused, halted)
alter table campaign add column projected_finish timestamptz;
-- waiting and in-flight orgs the last projection does not see done by the deadline
alter table campaign add column orgs_at_risk int;
-- when the last projection was made (null: never)
alter table campaign add column projected_at timestamptz;
