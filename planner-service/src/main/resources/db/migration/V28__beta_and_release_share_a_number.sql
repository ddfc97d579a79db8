-- A Salesforce beta and its release share major.minor.patch: "4.2.0 (Beta 3)" and the released
-- "4.2.0" are two versions (two 04t… ids) that differ in build number and release state, and people
-- often register both as "4.2.0". A version is identified by its id; a number may now repeat across
-- release states, but the same number, build and release state twice in one package is still a
-- conflict (two "4.2.0" releases). Which of them a campaign's targetVersion names is decided in
-- inventory/domain/PackageVersion.named (the release; a beta can never be pushed).
do $$
declare
    c text;
begin
    -- unique (package_id, version_number) and unique (package_id, major, minor, patch, build) of V1
    for c in select conname from pg_constraint
             where conrelid = 'package_version'::regclass and contype = 'u' loop
        execute format('alter table package_version drop constraint %I', c);
    end loop;
end $$;

create unique index package_version_number_state
    on package_version (package_id, major, minor, patch, build, release_state);
