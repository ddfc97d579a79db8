-- Every org of a package is eligible or listed with its reason (ISSUE-17 item 11).

-- An org imported for a package without having it (an empty installed_version, an uninstalled
-- PackageSubscriber) is still an org of the package: it gets a row with installed = false and no
-- version, and eligibility lists it as NOT_INSTALLED instead of losing it.
alter table installed_package
    alter column installed_version drop not null,
    alter column major drop not null,
    alter column minor drop not null,
    alter column patch drop not null,
    alter column build drop not null;

-- What scheduling decided about the orgs it did not plan: the excluded orgs of a campaign with their
-- reasons, written once when it is scheduled (set-based; excluded orgs are usually few), so that the
-- exclusion list reads the same after scheduling as in the preview.
create table campaign_exclusion (
    campaign_id       uuid     not null references campaign (campaign_id),
    org_id            char(18) not null,
    reason            text     not null,
    org_name          text,
    org_type          text,
    instance          text,
    installed_version text,
    primary key (campaign_id, org_id)
);

create index campaign_exclusion_reason on campaign_exclusion (campaign_id, reason, org_id);
