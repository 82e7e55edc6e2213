-- Where a submitted return stands in its ICB's review: null while it has never been submitted, AWAITING_REVIEW after every
-- submission, then ACCEPTED or RETURNED. Returns already submitted await review.
alter table baseline_return add column review_state text
    check (review_state in ('AWAITING_REVIEW', 'ACCEPTED', 'RETURNED'));
update baseline_return set review_state = 'AWAITING_REVIEW' where revision > 0;

-- Every review: one per submitted revision, kept with the ICB's comments.
create table return_review (
    id              uuid primary key,
    return_id       uuid not null references baseline_return(id),
    revision        integer not null,
    outcome         text not null check (outcome in ('ACCEPTED', 'RETURNED')),
    comments        text,
    reviewer_org    text not null,
    reviewed_by     text not null,
    reviewed_at     timestamptz not null,
    unique (return_id, revision)
);
