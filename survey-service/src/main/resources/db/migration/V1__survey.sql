-- A collection window of one survey version.
create table survey_run (
    id                  text primary key,
    name                text not null,
    instrument_id       text not null,
    instrument_version  integer not null,
    reference_date      date not null,
    opens_at            timestamptz not null,
    closes_at           timestamptz not null,
    closed              boolean not null default false,
    org_types           text not null,
    created_at          timestamptz not null,
    version             bigint not null
);

-- One respondent's response in one run: a draft until submitted; a later submit amends it.
create table survey_response (
    id                  uuid primary key,
    run_id              text not null references survey_run(id),
    respondent_key      text not null,
    respondent_subject  text not null,
    ods_code            text not null,
    respondent_role     text not null,
    status              text not null check (status in ('DRAFT', 'SUBMITTED')),
    revision            integer not null,
    answers             text not null,
    -- the answers as last submitted: what completeness and reports count
    submitted_answers   text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    submitted_at        timestamptz,
    version             bigint not null,
    unique (run_id, respondent_key)
);
create index survey_response_by_org on survey_response (run_id, ods_code, created_at, id);

-- Every submission, kept: the amendment history.
create table response_revision (
    response_id     uuid not null references survey_response(id),
    revision        integer not null,
    respondent_role text not null,
    answers         text not null,
    submitted_at    timestamptz not null,
    primary key (response_id, revision)
);
