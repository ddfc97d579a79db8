-- Pilot lists (#22): named org lists of the inventory ("our test orgs", "design partners"). A campaign's
-- strategy.pilotWaves gives each listed list a wave of its own before the canary.
create table pilot_list (
    list_id     uuid        primary key,
    name        text        not null unique check (length(name) between 1 and 100),
    description text,
    created_by  text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table pilot_list_member (
    list_id  uuid        not null references pilot_list (list_id) on delete cascade,
    org_id   char(18)    not null,
    added_at timestamptz not null,
    primary key (list_id, org_id)
);

-- eligibility joins members by org
create index pilot_list_member_org on pilot_list_member (org_id);
