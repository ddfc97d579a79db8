-- #20 Telling people. Webhook deliveries: one row per (campaign event, webhook), written in the transaction
-- that consumes the event, so a delivery is never lost (at least once) and a redelivered event adds none
-- (the id is the idempotency key the receiver sees). A sender loop posts due rows and records the outcome.
create table webhook_delivery (
    id              text primary key,      -- <eventId>/<webhook name>: the body's "id" and Upshift-Webhook-Id
    webhook         text        not null,  -- the webhook's name (its index in the configuration by default)
    event_id        uuid        not null,
    event_type      text        not null,
    campaign_id     uuid        not null,
    body            text        not null,  -- the JSON as it is sent (signed anew at each try)
    status          text        not null,  -- PENDING, SENDING, DELIVERED, GAVE_UP
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,  -- PENDING: next try; SENDING: lease expiry
    claimed_by      text,
    last_status     int,                   -- the receiver's last HTTP status, null when none came back
    last_error      text,
    created_at      timestamptz not null,
    finished_at     timestamptz
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status in ('PENDING', 'SENDING');

-- Waves that wait for a person's approval, one per campaign (the planner asks for one wave at a time): the
-- WAVE_AWAITING_APPROVAL event's time, until WAVE_STARTED / WAVE_PASSED / WAVE_HALTED of that wave or later,
-- or HALTED / CANCELED / COMPLETED. Feeds upshift_notifier_wave_awaiting_approval_seconds{campaign}.
create table awaiting_approval (
    campaign_id   uuid primary key,
    wave_number   int         not null,
    since         timestamptz not null
);

-- The counts of each campaign's latest WAVE_* event per wave, so that a HALTED webhook (whose event carries the
-- campaign's totals) can also give the halted wave's counts: the numbers its gate judged.
create table webhook_wave_counts (
    campaign_id  uuid        not null,
    wave_number  int         not null,
    counts       text        not null,  -- JSON, as in the webhook body
    at           timestamptz not null,
    primary key (campaign_id, wave_number)
);
