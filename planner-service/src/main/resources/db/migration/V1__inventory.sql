-- Inventory: the ISV's packages and versions, the subscriber orgs and what each has installed.
-- Written by the inventory feature (CSV import, Salesforce PackageSubscriber sync, simulated
-- fleet); read by campaign planning. Designed to hold 1,000,000 orgs: imports stream in batches.

create table package (
    package_id   varchar(18) primary key check (package_id like '033%'),
    name         text        not null,
    namespace    text,
    created_at   timestamptz not null
);

create table package_version (
    version_id        varchar(18) primary key check (version_id like '04t%'),
    package_id        varchar(18) not null references package (package_id),
    major             int         not null check (major >= 0),
    minor             int         not null check (minor >= 0),
    patch             int         not null check (patch >= 0),
    build             int         not null default 0 check (build >= 0),
    -- "4.2.1": how the contract (UpgradeCommand.targetVersion) and people write it
    version_number    text        not null,
    name              text,
    release_state     text        not null check (release_state in ('RELEASED', 'BETA')),
    deprecated        boolean     not null default false,
    release_notes_url text,
    created_at        timestamptz not null,
    unique (package_id, major, minor, patch, build),
    unique (package_id, version_number)
);

create table subscriber_org (
    -- always the 18-character form (io.upshift.schemas.OrgIds)
    org_id        char(18)    primary key,
    org_name      text,
    -- null while only the id is known (a Salesforce CLI org file)
    org_type      text        check (org_type in ('PRODUCTION', 'SANDBOX')),
    status        text        check (status in ('ACTIVE', 'TRIAL', 'FREE', 'DEMO', 'INACTIVE')),
    instance      text,
    -- IANA zone, e.g. Europe/Berlin
    time_zone     text,
    -- maintenance window in the org's local time: the days it may open on (ISO names MON..SUN)
    -- and local start/end; end <= start means it runs past midnight into the next day
    window_days   text[],
    window_start  time,
    window_end    time,
    locale        text,
    admin_emails  text[]      not null default '{}',
    excluded      boolean     not null default false,
    excluded_note text,
    source        text        not null check (source in ('CSV', 'SALESFORCE', 'SIMULATED', 'API')),
    updated_at    timestamptz not null
);

create index subscriber_org_instance on subscriber_org (instance);

-- What each org has installed of each package. The installed version is kept as text and as
-- numbers, so eligibility ("older than the target") can be decided in SQL.
create table installed_package (
    org_id            char(18)    not null references subscriber_org (org_id),
    package_id        varchar(18) not null references package (package_id),
    installed_version text        not null,
    major             int         not null,
    minor             int         not null,
    patch             int         not null,
    build             int         not null default 0,
    -- a beta version installed cannot be upgraded (Salesforce: IneligibleUpgrade)
    beta              boolean     not null default false,
    installed         boolean     not null default true,
    updated_at        timestamptz not null,
    primary key (package_id, org_id)
);
