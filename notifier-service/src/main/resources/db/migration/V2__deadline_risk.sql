-- #25 Deadlines. What the notifier keeps of a campaign's deadline, so that a report composed later
-- can say it: the deadline itself (any event may carry it), the planner's last projection against it
-- (from the latest AT_RISK or BACK_ON_TRACK), and the orgs not upgraded before it that the latest
-- HALTED, COMPLETED or CANCELED counted. Subscriber notices need no column: a reminder's urgency and
-- deadline travel in its email row's facts (jsonb).
alter table campaign
    add column deadline          timestamptz,
    add column at_risk           boolean not null default false,
    add column orgs_at_risk      int,
    add column projected_finish  timestamptz,
    add column risk_at           timestamptz,  -- the event time of the AT_RISK / BACK_ON_TRACK kept
    add column late_orgs         int,          -- orgsAtRisk of the latest HALTED, COMPLETED or CANCELED
    add column late_orgs_at      timestamptz;  -- that event's time (set even when it carried no count)
