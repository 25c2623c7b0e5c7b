-- The fleet counts' cost independent of the fleet's size.
--
-- Identity expiry in the counts: expiry depends on time as well as on writes, so the counts hold it as of a mark. A
-- cluster whose identity expires before cluster_inventory_count_marks.expired_before counts in the "expired" row of
-- its subscription and location (one per pair: an expired cluster's status does not depend on its heartbeat). A
-- periodic job moves the mark forward and the clusters that expired in between with it (one small range of the
-- expiry index); a summary at T corrects only for the clusters whose expiry lies between the mark and T, in either
-- direction, so a replica whose clock is behind the mark's stays exact.
--
-- Old heartbeats in one row: a heartbeat minute at or before old_before counts in the subscription and location's
-- one "old" row (seen_bucket -infinity, not expired), instead of a row per minute. Such a cluster is Offline at any
-- instant T with T - connectedWithin >= old_before; the job keeps old_before that far behind the database's clock,
-- and the summary checks it (and otherwise scans). This bounds the count rows by subscriptions x locations x the
-- minutes of the Connected window, whatever the fleet's spread of old heartbeats.

create table cluster_inventory_count_marks (
    singleton      boolean     primary key default true check (singleton),
    expired_before timestamptz not null,
    old_before     timestamptz not null,
    old_lag        interval
);

insert into cluster_inventory_count_marks (expired_before, old_before) values (now(), '-infinity');

-- Writers lock the marks table in ROW SHARE mode (see cluster_inventory_counts_apply) and the job in EXCLUSIVE mode,
-- so that a statement's deltas and the mark it read belong together; readers (ACCESS SHARE) never wait.

drop function cluster_inventory_counts_add(cluster_inventory_count_delta[]);
drop type cluster_inventory_count_delta;

create type cluster_inventory_count_delta as (
    subscription_id uuid, location text, seen_bucket timestamptz, expired boolean, clusters bigint, nodes bigint,
    cores bigint);

alter table cluster_inventory_counts add column expired boolean not null default false;
alter table cluster_inventory_counts drop constraint cluster_inventory_counts_key;
alter table cluster_inventory_counts
    add constraint cluster_inventory_counts_key primary key (subscription_id, location, seen_bucket, expired);

-- Where one cluster counts under the marks m, with a weight.
create function cluster_inventory_count_delta_of(i cluster_inventory, m cluster_inventory_count_marks, weight integer)
    returns cluster_inventory_count_delta language sql immutable parallel safe as $$
select (i.subscription_id, i.location,
        case when i.identity_expires_at < m.expired_before then '-infinity'::timestamptz
             when mooring_seen_bucket(i.last_seen) <= m.old_before then '-infinity'::timestamptz
             else mooring_seen_bucket(i.last_seen) end,
        coalesce(i.identity_expires_at < m.expired_before, false), weight,
        weight * coalesce(i.total_node_count, 0)::bigint, weight * coalesce(i.total_core_count, 0)::bigint)
       ::cluster_inventory_count_delta
$$;

-- Applies a statement's changes key by key in key order (so that concurrent writers lock count rows in the same
-- order and never deadlock), then drops the rows that reached zero.
create function cluster_inventory_counts_add(deltas cluster_inventory_count_delta[]) returns void
    language sql as $$
insert into cluster_inventory_counts as c (subscription_id, location, seen_bucket, expired, clusters, nodes, cores)
select d.subscription_id, d.location, d.seen_bucket, d.expired, sum(d.clusters), sum(d.nodes), sum(d.cores)
  from unnest(deltas) d
 group by 1, 2, 3, 4
having sum(d.clusters) <> 0 or sum(d.nodes) <> 0 or sum(d.cores) <> 0
 order by 1, 2, 3, 4
    on conflict on constraint cluster_inventory_counts_key do update
   set clusters = c.clusters + excluded.clusters, nodes = c.nodes + excluded.nodes, cores = c.cores + excluded.cores;
delete from cluster_inventory_counts c
 using (select distinct d.subscription_id, d.location, d.seen_bucket, d.expired from unnest(deltas) d) t
 where c.subscription_id = t.subscription_id and c.location = t.location
   and c.seen_bucket = t.seen_bucket and c.expired = t.expired and c.clusters = 0;
$$;

-- A statement's old rows count -1 where they counted, its new rows +1 where they count now, both as of the mark.
create or replace function cluster_inventory_counts_apply() returns trigger language plpgsql as $$
declare
    deltas cluster_inventory_count_delta[] := '{}';
    marks cluster_inventory_count_marks;
begin
    -- Held until commit: the job cannot move the marks between this read and this transaction's end.
    lock table cluster_inventory_count_marks in row share mode;
    select * into marks from cluster_inventory_count_marks;
    if tg_op in ('UPDATE', 'DELETE') then
        deltas := deltas || array(select cluster_inventory_count_delta_of(o, marks, -1) from old_rows o);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        deltas := deltas || array(select cluster_inventory_count_delta_of(n, marks, 1) from new_rows n);
    end if;
    perform cluster_inventory_counts_add(deltas);
    return null;
end
$$;

-- Moves the marks forward (never back): expired_before to expired_upto, old_before to the database's clock less
-- old_lag (the longest lag asked so far). First the count rows of heartbeat minutes now old go into their old row
-- (count rows only), then the clusters whose identity expired in between into their expired row (one range of the
-- expiry index). Answers the expiry mark. A longer lag than ever before (the Connected window was made longer) lowers
-- old_before and recounts everything once. The caller runs it in a READ COMMITTED transaction, so that the
-- statements after the lock see every writer that committed before it.
create function cluster_inventory_counts_advance(expired_upto timestamptz, lag_asked interval)
    returns timestamptz language plpgsql as $$
declare
    was cluster_inventory_count_marks;
    merged cluster_inventory_count_marks;
    now_marks cluster_inventory_count_marks;
begin
    lock table cluster_inventory_count_marks in exclusive mode;
    select * into was from cluster_inventory_count_marks;
    if was.old_lag is not null and lag_asked > was.old_lag then
        update cluster_inventory_count_marks set old_before = least(old_before, clock_timestamp() - lag_asked);
        perform cluster_inventory_counts_rebuild();
        select * into was from cluster_inventory_count_marks;
    end if;
    merged := row(true, was.expired_before, greatest(was.old_before, clock_timestamp() - lag_asked),
                  greatest(was.old_lag, lag_asked));
    now_marks := row(true, greatest(was.expired_before, expired_upto), merged.old_before, merged.old_lag);
    perform cluster_inventory_counts_add(array(
        select x.d from cluster_inventory_counts c
         cross join lateral (values
             ((c.subscription_id, c.location, c.seen_bucket, false, -c.clusters, -c.nodes, -c.cores)
                  ::cluster_inventory_count_delta),
             ((c.subscription_id, c.location, '-infinity', false, c.clusters, c.nodes, c.cores)
                  ::cluster_inventory_count_delta)) as x (d)
         where not c.expired and c.seen_bucket > '-infinity' and c.seen_bucket <= merged.old_before));
    perform cluster_inventory_counts_add(array(
        select x.d from cluster_inventory e
         cross join lateral (values (cluster_inventory_count_delta_of(e, merged, -1)),
                                    (cluster_inventory_count_delta_of(e, now_marks, 1))) as x (d)
         where e.identity_expires_at >= was.expired_before and e.identity_expires_at < now_marks.expired_before));
    update cluster_inventory_count_marks
       set expired_before = now_marks.expired_before, old_before = now_marks.old_before, old_lag = now_marks.old_lag;
    return now_marks.expired_before;
end
$$;

-- Counts the whole inventory afresh (after a bulk load with the counting triggers disabled, and below).
create or replace function cluster_inventory_counts_rebuild() returns void language plpgsql as $$
declare
    marks cluster_inventory_count_marks;
begin
    lock table cluster_inventory_count_marks in exclusive mode;
    select * into marks from cluster_inventory_count_marks;
    delete from cluster_inventory_counts;
    insert into cluster_inventory_counts (subscription_id, location, seen_bucket, expired, clusters, nodes, cores)
    select (d).subscription_id, (d).location, (d).seen_bucket, (d).expired, count(*), sum((d).nodes), sum((d).cores)
      from (select cluster_inventory_count_delta_of(i, marks, 1) as d from cluster_inventory i) x
     group by 1, 2, 3, 4;
end
$$;

select cluster_inventory_counts_rebuild();
