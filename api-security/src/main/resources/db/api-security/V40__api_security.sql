-- API keys and the audit trail of the REST API (the api-security module). Every service with an
-- API lists classpath:db/api-security in spring.flyway.locations and so gets these tables in its
-- own database: services share code, never tables.

-- API keys for scripts. Only the SHA-256 of the whole key is kept; the key itself is shown once.
create table api_key (
    -- the public part of the key (upshift_<key_id>_<secret>): finds the row, appears in logs
    key_id       varchar(12) primary key,
    name         text        not null,
    key_hash     bytea       not null check (length(key_hash) = 32),
    roles        text[]      not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz
);

create index api_key_created on api_key (created_at desc);

-- Every state-changing call of the API: who, what, when, from where, and how it ended, including
-- the calls that were refused (401, 403) or bad (4xx). Rows are only ever inserted.
create table api_audit (
    audit_id       bigserial   primary key,
    at             timestamptz not null,
    -- null when the caller could not be authenticated
    principal      text,
    authentication text        check (authentication in ('JWT', 'API_KEY')),
    method         text        not null,
    -- the route as the API declares it (/api/v1/campaigns/{id}/approve); null when no route was reached
    route          text,
    path           text        not null,
    -- the collection the call addressed (campaigns, packages, orgs, api-keys, suppressions) and the item in it
    resource       text,
    target_id      text,
    remote_address text        not null,
    status         int         not null
);

create index api_audit_target on api_audit (resource, target_id, audit_id);
create index api_audit_principal on api_audit (principal, audit_id);
create index api_audit_at on api_audit (at);
