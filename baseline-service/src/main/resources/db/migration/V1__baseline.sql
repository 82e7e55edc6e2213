create table collection (
    id              text primary key,
    name            text not null,
    reference_date  date not null,
    opens_at        timestamptz not null,
    closes_at       timestamptz not null,
    closed          boolean not null default false,
    version         bigint not null
);

create table baseline_return (
    id              uuid primary key,
    collection_id   text not null references collection(id),
    ods_code        text not null,
    org_type        text not null,
    question_set_id text not null,
    question_set_version integer not null,
    status          text not null,
    revision        integer not null,
    answers         text not null,
    updated_at      timestamptz not null,
    submitted_at    timestamptz,
    version         bigint not null,
    unique (collection_id, ods_code)
);

-- Every submission and amendment, kept: the history of a return.
create table return_revision (
    id              uuid primary key,
    return_id       uuid not null references baseline_return(id),
    revision        integer not null,
    answers         text not null,
    submitted_at    timestamptz not null,
    submitted_by    text not null,
    unique (return_id, revision)
);
