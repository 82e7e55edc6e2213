create table assessment (
    id                  uuid primary key,
    ods_code            text not null,
    org_type            text not null,
    cycle               text not null,
    reference_date      date not null,
    instrument_id       text not null,
    instrument_version  integer not null,
    status              text not null check (status in ('DRAFT', 'SIGNED_OFF', 'SUBMITTED', 'WITHDRAWN')),
    revision            integer not null,
    sharing             text not null check (sharing in ('PRIVATE', 'ICB', 'REGION', 'NATIONAL')),
    answers             text not null,
    sign_off            text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    submitted_at        timestamptz,
    ever_submitted      boolean not null default false,
    version             bigint not null
);
-- One live assessment per organisation and cycle; a withdrawn one frees the cycle.
create unique index assessment_one_per_cycle on assessment (ods_code, cycle) where status <> 'WITHDRAWN';
create index assessment_by_org on assessment (ods_code, created_at, id);

-- Every revision as it stood when it left DRAFT for good: submitted, or closed by a reopen or withdrawal.
create table assessment_revision (
    assessment_id   uuid not null references assessment(id),
    revision        integer not null,
    outcome         text not null,
    answers         text not null,
    sign_off        text,
    sharing         text not null,
    submitted_at    timestamptz,
    closed_at       timestamptz,
    closed_by       text,
    close_reason    text,
    primary key (assessment_id, revision)
);

create table sharing_change (
    id              uuid primary key,
    assessment_id   uuid not null references assessment(id),
    from_level      text not null,
    to_level        text not null,
    reason          text,
    changed_by      text not null,
    changed_at      timestamptz not null
);
create index sharing_change_by_assessment on sharing_change (assessment_id, changed_at);
