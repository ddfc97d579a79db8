-- With a per-instance in-flight cap the dispatcher wants, for every instance (Salesforce pod) with
-- room, its first few NOTIFIED orgs in (window_end, org_id) order. Ranking every waiting org of the
-- campaign with a window function did that by sorting all of them on each round, under the campaign
-- lock (measured in bench/, ISSUE-8: the makespan benchmark's 20,000 orgs). With the instance in the
-- key, the distinct instances are found by skipping through the index and each instance's first
-- rows are read in order, so a round reads about as many rows as it releases.
create index campaign_target_releasable_by_instance on campaign_target (campaign_id, instance, window_end, org_id)
    where state = 'NOTIFIED';
