-- Release trains (#22): an ordered set of packages, each tier an ordinary campaign, a tier needing a
-- minimum version of an earlier tier's package in each org. The train adds no engine: each tier is
-- planned, gated, paced and approved as a campaign; the dispatcher reads train_tier to hold a
-- dependent tier's org until its base is met there, and to cancel it (DependencyNotMet) once it cannot be.
create table train (
    train_id   uuid        primary key,
    name       text        not null,
    created_by text,
    created_at timestamptz not null
);

create table train_tier (
    train_id             uuid        not null references train (train_id),
    position             int         not null check (position >= 1),
    -- a campaign belongs to at most one train
    campaign_id          uuid        not null unique references campaign (campaign_id),
    package_id           varchar(18) not null references package (package_id),
    -- what this tier needs in each org: the package of an earlier tier (its campaign) at or above a version
    requires_package_id  varchar(18) references package (package_id),
    requires_campaign_id uuid        references campaign (campaign_id),
    min_version          text,
    min_major            int,
    min_minor            int,
    min_patch            int,
    min_build            int,
    primary key (train_id, position),
    -- a requirement is whole or absent
    check ((requires_package_id, requires_campaign_id, min_version, min_major, min_minor, min_patch, min_build) is null
           or (requires_package_id, requires_campaign_id, min_version, min_major, min_minor, min_patch, min_build) is not null)
);

-- the halt follower finds the tiers that depend on a halted campaign
create index train_tier_requires on train_tier (requires_campaign_id) where requires_campaign_id is not null;
