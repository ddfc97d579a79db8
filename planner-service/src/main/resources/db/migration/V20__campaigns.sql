-- Campaigns: who is upgraded, in which wave, in which window, and what came of it. Written by the
-- campaign, planning, dispatch and tracking features; the outbox carries every message they send.
-- Sized for 1,000,000 targets per campaign: targets and notices are written with COPY, hot paths
-- touch rows through the partial indexes below, never by scanning a campaign.

create table campaign (
    campaign_id       uuid        primary key,
    name              text        not null,
    package_id        varchar(18) not null references package (package_id),
    target_version_id varchar(18) not null references package_version (version_id),
    -- "4.2.1", as UpgradeCommand.targetVersion carries it
    target_version    text        not null,
    state             text        not null check (state in
                          ('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'HALTED', 'COMPLETED', 'CANCELED')),
    -- the definition as the release manager gave it (selection, strategy, schedule, pacing, gate)
    spec              jsonb       not null,
    -- optimistic lock: every change increments it; a request naming an older one gets 409
    version           int         not null default 0,
    created_by        text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    scheduled_at      timestamptz,
    -- when the first wave may start: max(earliest start, scheduled_at + notice period)
    starts_at         timestamptz,
    started_at        timestamptz,
    finished_at       timestamptz,
    -- why it is in its state (the gate decision that halted it, who canceled it)
    state_reason      text,
    -- what planning found when the campaign was scheduled: eligible count, exclusions by reason, waves
    plan_summary      jsonb
);

create index campaign_package_state on campaign (package_id, state);
create index campaign_active on campaign (state) where state in ('SCHEDULED', 'RUNNING', 'PAUSED', 'HALTED');

-- One row per wave, with counters kept in step with the targets in the same transaction as every
-- target change, so the gate reads a wave's counts without counting its targets.
create table campaign_wave (
    campaign_id            uuid        not null references campaign (campaign_id),
    wave_number            int         not null check (wave_number >= 1),
    kind                   text        not null check (kind in ('SANDBOX', 'CANARY', 'RAMP')),
    state                  text        not null check (state in ('PENDING', 'RUNNING', 'PASSED', 'HALTED')),
    planned_start          timestamptz,
    planned_end            timestamptz,
    total                  int         not null default 0,
    pending                int         not null default 0,
    dispatched             int         not null default 0,
    succeeded              int         not null default 0,
    failed                 int         not null default 0,
    skipped                int         not null default 0,
    canceled               int         not null default 0,
    timed_out              int         not null default 0,
    -- counts at the moment a person resumed the wave after a halt: the gate judges what came after
    gate_baseline_finished int         not null default 0,
    gate_baseline_failures int         not null default 0,
    approval_requested_at  timestamptz,
    approved_at            timestamptz,
    approved_by            text,
    started_at             timestamptz,
    finished_at            timestamptz,
    state_reason           text,
    primary key (campaign_id, wave_number)
);

-- One row per org in a scheduled campaign.
create table campaign_target (
    campaign_id   uuid        not null references campaign (campaign_id),
    org_id        char(18)    not null,
    wave_number   int         not null,
    state         text        not null check (state in
                      ('PLANNED', 'NOTIFIED', 'DISPATCHED', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELED', 'TIMED_OUT')),
    -- what the command needs, as it was when the campaign was planned
    org_name      text,
    org_type      text        not null,
    instance      text        not null,
    from_version  text,
    -- the planned window (UTC); moves when the window closes before dispatch
    window_start  timestamptz not null,
    window_end    timestamptz not null,
    -- the notice that announced the current window; NOTIFIED once the relay has published it
    notice_id     uuid,
    reschedules   int         not null default 0,
    -- commands issued to this org in this campaign; the current one is command_id
    attempt       int         not null default 0,
    command_id    uuid,
    dispatched_at timestamptz,
    -- the planner marks the target TIMED_OUT when no outcome has arrived by then
    deadline_at   timestamptz,
    finished_at   timestamptz,
    error_category text,
    error_code    text,
    error_message text,
    version_after text,
    updated_at    timestamptz not null,
    primary key (campaign_id, org_id)
);

-- the dispatcher's and the window sweeper's working set: orgs not released yet
create index campaign_target_waiting on campaign_target (campaign_id, window_end)
    where state in ('PLANNED', 'NOTIFIED');
-- the timeout sweeper's and the per-instance cap's working set: orgs in flight
create index campaign_target_in_flight on campaign_target (campaign_id, deadline_at)
    where state = 'DISPATCHED';
create index campaign_target_org on campaign_target (org_id);

-- Every command issued, and the outcome applied for it. applied_at is set in the same transaction
-- that applies the outcome, so a redelivered outcome (same command id) changes nothing.
create table campaign_command (
    command_id     uuid        primary key,
    campaign_id    uuid        not null references campaign (campaign_id),
    org_id         char(18)    not null,
    wave_number    int         not null,
    attempt        int         not null,
    issued_at      timestamptz not null,
    not_before     timestamptz not null,
    not_after      timestamptz not null,
    outcome_status text,
    error_category text,
    error_code     text,
    error_message  text,
    version_before text,
    version_after  text,
    executor_id    text,
    started_at     timestamptz,
    finished_at    timestamptz,
    applied_at     timestamptz
);

create index campaign_command_target on campaign_command (campaign_id, org_id);

-- Releases per dispatcher round: the rate cap is checked against the last minute of these rows.
create table dispatch_release (
    campaign_id uuid        not null references campaign (campaign_id),
    released_at timestamptz not null,
    released    int         not null check (released > 0)
);

create index dispatch_release_recent on dispatch_release (campaign_id, released_at);

-- The transactional outbox: every message the planner sends is a row written in the transaction
-- of the state change it announces. The relay publishes rows in id order and marks them sent.
create table outbox (
    id          bigserial   primary key,
    topic       text        not null,
    message_key text        not null,
    -- Avro binary of the topic's value type (no wire-format header: the relay's serializer adds it)
    payload     bytea       not null,
    kind        text        not null check (kind in ('COMMAND', 'NOTICE', 'CAMPAIGN_EVENT')),
    campaign_id uuid        not null,
    org_id      char(18),
    -- the command id, notice id or event id the payload carries
    ref         uuid        not null,
    created_at  timestamptz not null,
    sent_at     timestamptz
);

create index outbox_unsent on outbox (id) where sent_at is null;
create index outbox_sent on outbox (sent_at) where sent_at is not null;
