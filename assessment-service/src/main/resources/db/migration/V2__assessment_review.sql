-- Where the assessment stands in its ICB's review: null until first submitted, AWAITING_REVIEW after every submission,
-- ACCEPTED or RETURNED once reviewed (kept through a reopen, until the next submission). Submitted ones await review.
alter table assessment add column review_state text
    check (review_state in ('AWAITING_REVIEW', 'ACCEPTED', 'RETURNED'));
update assessment set review_state = 'AWAITING_REVIEW' where status = 'SUBMITTED';

-- Every review: one per submitted revision, with the ICB's comments.
create table assessment_review (
    id              uuid primary key,
    assessment_id   uuid not null references assessment(id),
    revision        integer not null,
    outcome         text not null check (outcome in ('ACCEPTED', 'RETURNED')),
    comments        text,
    reviewer_org    text not null,
    reviewed_by     text not null,
    reviewed_at     timestamptz not null,
    unique (assessment_id, revision)
);
