-- Who scheduled a campaign: the four-eyes rule keeps them, like its creator, from approving its
-- first production wave (ISSUE-17).
alter table campaign add column scheduled_by text;
