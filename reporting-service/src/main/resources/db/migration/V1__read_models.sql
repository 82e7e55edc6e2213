-- Read models built only from events. Each row keeps the revision of the event that wrote it, so a late, older event
-- never overwrites a newer one. Organisation attributes are those the event carried (as at the reference date).

create table baseline_collection (
    collection_id   text primary key,
    name            text,
    reference_date  date,
    opens_at        timestamptz,
    closes_at       timestamptz,
    closed          boolean not null default false
);

create table baseline_return (
    collection_id   text not null,
    ods_code        text not null,
    org_type        text not null,
    trust_type      text,
    icb_code        text,
    region_code     text,
    reference_date  date,
    revision        integer not null,
    answers         jsonb not null,
    submitted_at    timestamptz,
    primary key (collection_id, ods_code)
);

create table survey_run (
    run_id          text primary key,
    instrument_id   text,
    instrument_version integer,
    reference_date  date,
    opens_at        timestamptz,
    closes_at       timestamptz,
    closed          boolean not null default false
);

create table survey_response (
    run_id          text not null,
    respondent_id   text not null,
    ods_code        text not null,
    trust_type      text,
    icb_code        text,
    region_code     text,
    respondent_role text,
    revision        integer not null,
    answers         jsonb not null,
    primary key (run_id, respondent_id)
);
create index survey_response_org on survey_response (run_id, ods_code);

create table assessment_record (
    assessment_id   text primary key,
    ods_code        text not null,
    org_type        text,
    trust_type      text,
    icb_code        text,
    region_code     text,
    cycle           text not null,
    reference_date  date,
    instrument_id   text,
    instrument_version integer,
    revision        integer not null,
    status          text not null,
    sharing         text not null,
    answers         jsonb not null,
    submitted_at    timestamptz
);
create index assessment_record_cycle on assessment_record (cycle, status, sharing);

-- Oversight segmentation (reference data, loaded by administrators): the segment in force for an organisation.
create table oversight_segment (
    id              bigserial primary key,
    ods_code        text not null,
    framework_id    text not null,
    period          text not null,
    segment         integer not null,
    effective_from  date not null,
    effective_to    date,
    unique (ods_code, framework_id, period)
);
