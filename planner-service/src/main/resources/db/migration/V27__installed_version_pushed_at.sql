-- What Upshift did is part of the inventory: an applied SUCCEEDED outcome sets the org's installed
-- version of the package (tracking, in the transaction that applies the outcome) and stamps when.
-- An import or a Salesforce sync that began reading its source before that instant read the org
-- before the push: it does not change the version, the beta flag or the installed flag of that row
-- (see inventory/jdbc/DESIGN.md, "What Upshift pushed"). One that began after it applies as usual,
-- so a real downgrade or uninstall is still seen. Null: never set by a push.
alter table installed_package add column pushed_at timestamptz;
