-- The notifier's own store. Nothing here is shared with another service.

-- What the planner told us about each org of a campaign (from SubscriberNotice): outcome events
-- carry no recipients, so result emails are addressed from here.
create table subscription (
    campaign_id       uuid        not null,
    org_id            varchar(18) not null,
    org_name          text,
    package_name      text,
    recipients        text[]      not null,
    locale            text,
    time_zone         text        not null,
    support_contact   text,
    current_version   text,
    target_version    text        not null,
    release_notes_url text,
    window_start      timestamptz not null,
    window_end        timestamptz not null,
    canceled          boolean     not null default false,
    last_notice_id    uuid        not null,
    updated_at        timestamptz not null,
    primary key (campaign_id, org_id)
);

-- Campaign names (from CampaignEvent) for report subjects, and how often it was resumed, so a
-- second halt of the same wave after a resume gets its own report.
create table campaign (
    campaign_id    uuid primary key,
    campaign_name  text,
    package_name   text,
    target_version text,
    resumes        int         not null default 0,
    last_event_at  timestamptz not null
);

-- Every outcome seen, one row per command (duplicates carry the same commandId): the facts the
-- publisher reports are computed from.
create table org_outcome (
    command_id    uuid primary key,
    campaign_id   uuid        not null,
    org_id        varchar(18) not null,
    wave_number   int         not null,
    status        text        not null,
    error_category text,
    error_code    text,
    error_message text,
    version_before text,
    version_after  text,
    instance      text,
    attempts      int         not null,
    finished_at   timestamptz not null
);
create index org_outcome_by_campaign on org_outcome (campaign_id, wave_number, org_id, finished_at desc);

-- Idempotent consumers: a message id (notice id, campaign event id) is recorded in the same
-- transaction as its effects, so a redelivered message changes nothing.
create table processed_message (
    message_id   text        not null,
    source       text        not null,
    processed_at timestamptz not null,
    primary key (source, message_id)
);

-- One row per email to send. The unique key makes queueing idempotent: a redelivered event finds
-- its row already there. Content is composed when the row is sent (see delivery/DESIGN.md).
create table email (
    id              uuid primary key,
    kind            text        not null,
    campaign_id     uuid        not null,
    org_id          text        not null,  -- '' for publisher reports
    dedup_key       text        not null,  -- notice id, command id or report key
    facts           jsonb       not null,
    status          text        not null,  -- PENDING, SENDING, SENT, FAILED, SUPPRESSED, EXPIRED, CANCELED
    due_at          timestamptz not null,  -- when it should go out first
    next_attempt_at timestamptz not null,  -- PENDING: next try; SENDING: lease expiry
    expires_at      timestamptz,           -- not sent after this (a reminder after its window opened)
    attempts        int         not null default 0,
    last_error      text,
    claimed_by      text,
    message_id      text,
    sent_to         text[],
    subject         text,
    created_at      timestamptz not null,
    finished_at     timestamptz,
    constraint email_once unique (kind, campaign_id, org_id, dedup_key)
);
create index email_due on email (next_attempt_at) where status in ('PENDING', 'SENDING');
create index email_by_org on email (campaign_id, org_id) where status = 'PENDING';

-- Addresses that must not be mailed (bounced, unsubscribed, complained), honoured at send time.
create table suppressed_address (
    address    text primary key,  -- lower case
    reason     text        not null,
    note       text,
    created_at timestamptz not null
);

-- One row per SMTP relay: the next free send slot. Replicas reserve slots here, so the relay's
-- messages-per-second limit holds however many notifiers run.
create table relay_pacing (
    relay        text primary key,
    next_slot_at timestamptz not null
);
