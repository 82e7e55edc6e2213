-- Every question a run asks with its option codes (from the run's events), so options nobody chose and questions nobody
-- answered are reported as 0 instead of being left out. Null for runs whose events predate it.
alter table survey_run add column questions jsonb;
