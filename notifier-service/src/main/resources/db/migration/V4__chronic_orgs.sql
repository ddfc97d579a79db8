-- Whether the planner called the org chronic for the package when it scheduled it (SubscriberNotice.chronic,
-- #22): publisher reports say which failures came from chronic orgs. Null: the notice did not say.
alter table subscription add column chronic boolean;
