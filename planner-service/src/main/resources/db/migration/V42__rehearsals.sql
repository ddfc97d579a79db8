-- (V40, reserved for this, is taken by api-security's migration on the same schema history; V41 by another branch.)
-- Rehearsals (#24): a draft campaign run against a twin of the fleet fitted from history, in simulated
-- time. A rehearsal writes only its own row: the report, as JSON, when it is done. Nothing else of a
-- campaign changes (no target, no command, no outbox row).
create table rehearsal (
    rehearsal_id   uuid        primary key,
    campaign_id    uuid        not null references campaign (campaign_id),
    state          text        not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    seeds          int         not null,
    first_seed     bigint      not null,
    approval_delay_ms bigint   not null,
    -- what the request changed of the draft (e.g. another canary or cap), to compare drafts
    overrides      jsonb,
    requested_by   text,
    requested_at   timestamptz not null,
    finished_at    timestamptz,
    -- how long the Monte Carlo runs took (not part of the report: the same seed gives the same report)
    elapsed_ms     bigint,
    report         jsonb,
    error          text
);

create index rehearsal_campaign on rehearsal (campaign_id, requested_at desc);
