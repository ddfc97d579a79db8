-- Requests of subscribers from the signed link of a notice (subscriber/DESIGN.md): one row per request id,
-- written in the transaction that applies it (or refuses it), so a redelivered record changes nothing. The
-- applied ones count against the org's limit of changes per campaign.
create table subscriber_request (
    request_id   uuid primary key,
    campaign_id  uuid not null references campaign (campaign_id) on delete cascade,
    org_id       char(18) not null,
    action       text not null,
    -- APPLIED, or why not: TOO_LATE, NOT_A_CHOICE, OPT_OUT_NOT_ALLOWED, CHANGES_USED_UP, LINK_REFUSED, UNKNOWN_ORG
    outcome      text not null,
    window_start timestamptz,
    window_end   timestamptz,
    reason       text,
    link_key_id  text,
    requested_at timestamptz not null,
    applied_at   timestamptz not null
);
create index subscriber_request_by_org on subscriber_request (campaign_id, org_id) where outcome = 'APPLIED';
