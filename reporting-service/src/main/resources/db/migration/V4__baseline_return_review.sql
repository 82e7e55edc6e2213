-- The latest ICB review of each baseline return (baseline.return-reviewed): the revision it reviewed and its outcome,
-- never the comments, which stay between the organisation and its ICB. The highest revision reviewed wins, so a late
-- review of an older revision changes nothing; completeness compares it with the return's own revision (a submission
-- after it awaits review again).
create table baseline_return_review (
    collection_id   text not null,
    ods_code        text not null,
    revision        integer not null,
    outcome         text not null,
    primary key (collection_id, ods_code)
);
