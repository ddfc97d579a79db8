-- Whether planning judged the org chronic for the package (failed in K of its last N campaigns) when the
-- campaign was scheduled. The relay builds each SCHEDULED notice from the target when it sends it (V33), and
-- the notice tells the notifier, whose publisher reports say which failures came from chronic orgs.
alter table campaign_target add column chronic boolean not null default false;
