-- The head of each audit chain, so that appending a row is one statement (AuditTrail.record): the update takes the chain's
-- row lock, held until commit as the advisory lock before it was, and PostgreSQL re-reads the newest committed head after
-- any wait; the insert writes the row that follows that head. One row per chain, all 64 present from the start.
create table audit_chain_head (
    chain     integer primary key,
    prev_hash text not null,
    hash      text not null
);
insert into audit_chain_head (chain, prev_hash, hash)
select c, repeat('0', 64), coalesce((select e.hash from audit_event e where e.chain = c order by e.seq desc limit 1), repeat('0', 64))
from generate_series(0, 63) as c;
