-- Instrument versions written by instrument admins (VersionedInstruments). Versions that ship with a service are read
-- from its resources and never stored here; versions here are numbered after them.
create table instrument_version (
    instrument_id   text not null,
    number          integer not null,
    status          text not null check (status in ('DRAFT', 'PUBLISHED')),
    definition      text not null,
    created_at      timestamptz not null,
    published_at    timestamptz,
    version         bigint not null,
    primary key (instrument_id, number)
);
