-- Self-assessment data minimisation. assessment_record holds a row only for an assessment whose answers are currently
-- shared (ICB, REGION or NATIONAL), with `sharing` its current level: a retraction (sharing narrowed to PRIVATE, reopened,
-- withdrawn) deletes the row rather than marking it. Private answers that older events carried are removed here too.
delete from assessment_record where sharing = 'PRIVATE' or status <> 'SUBMITTED';

-- The last event applied per assessment (its revision and, when the event carries one, the assessment's change sequence),
-- kept when the answers are deleted, so that an older event applied late (a rebuild replaying while live events are
-- applied) never brings retracted answers back. It holds no answers.
create table assessment_last_event (
    assessment_id   text primary key,
    revision        integer not null,
    sequence        bigint
);
