-- Subscriber push blocks (ISSUE-17 item 9): Salesforce's PushUpgradeCustomization, read by the
-- PackageSubscriber sync (or a CSV's push_blocked column). A blocked org is excluded from planning
-- (BLOCKED_BY_SUBSCRIBER) and, when the block appears after scheduling, never released: the release
-- cancels it. Blocked orgs are few: the partial index finds a package's blocked orgs without a scan.
alter table installed_package add column push_blocked boolean not null default false;

create index installed_package_push_blocked on installed_package (package_id, org_id) where push_blocked;
