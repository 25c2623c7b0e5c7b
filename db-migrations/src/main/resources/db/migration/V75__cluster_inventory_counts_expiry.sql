-- Identity expiry in the fleet counts, so that a summary's cost no longer grows with the number of expired
-- identities. Expiry depends on time as well as on writes, so the counts hold it as of a mark: a cluster whose
-- identity expires before cluster_inventory_count_marks.expired_before counts in an "expired" row of its
-- subscription and location (one per pair: an expired cluster's status no longer depends on its heartbeat), every
-- other cluster in its heartbeat minute's row as before (V70). A periodic job moves the mark forward and the clusters
-- that expired in between with it; a summary at T corrects only for the clusters whose expiry lies between the mark
-- and T (a tiny range of the expiry index, in either direction, so that a replica whose clock is behind the mark's
-- stays exact).

create table cluster_inventory_count_marks (
    singleton      boolean     primary key default true check (singleton),
    expired_before timestamptz not null
);

insert into cluster_inventory_count_marks (expired_before) values (now());

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

-- Where one cluster counts when identities expiring before expired_before count as expired, with a sign.
create function cluster_inventory_count_delta_of(i cluster_inventory, expired_before timestamptz, weight integer)
    returns cluster_inventory_count_delta language sql immutable parallel safe as $$
select (i.subscription_id, i.location,
        case when i.identity_expires_at < expired_before then '-infinity'::timestamptz
             else mooring_seen_bucket(i.last_seen) end,
        coalesce(i.identity_expires_at < expired_before, false), weight,
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
    mark timestamptz;
begin
    -- Held until commit: the job cannot move the mark between this read and this transaction's end.
    lock table cluster_inventory_count_marks in row share mode;
    select m.expired_before into mark from cluster_inventory_count_marks m;
    if tg_op in ('UPDATE', 'DELETE') then
        deltas := deltas || array(select cluster_inventory_count_delta_of(o, mark, -1) from old_rows o);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        deltas := deltas || array(select cluster_inventory_count_delta_of(n, mark, 1) from new_rows n);
    end if;
    perform cluster_inventory_counts_add(deltas);
    return null;
end
$$;

-- Moves the mark forward to upto (never back) and the clusters whose identity expired in between to their expired
-- rows: one range of the expiry index. Answers the mark. The caller runs it in a READ COMMITTED transaction, so that
-- the statements after the lock see every writer that committed before it.
create function cluster_inventory_counts_expire(upto timestamptz) returns timestamptz language plpgsql as $$
declare
    since timestamptz;
begin
    lock table cluster_inventory_count_marks in exclusive mode;
    select m.expired_before into since from cluster_inventory_count_marks m;
    if upto <= since then
        return since;
    end if;
    perform cluster_inventory_counts_add(array(
        select d from cluster_inventory e
         cross join lateral (values (cluster_inventory_count_delta_of(e, since, -1)),
                                    (cluster_inventory_count_delta_of(e, upto, 1))) as x (d)
         where e.identity_expires_at >= since and e.identity_expires_at < upto));
    update cluster_inventory_count_marks set expired_before = upto;
    return upto;
end
$$;

-- Counts the whole inventory afresh (after a bulk load with the counting triggers disabled, and below).
create or replace function cluster_inventory_counts_rebuild() returns void language plpgsql as $$
declare
    mark timestamptz;
begin
    lock table cluster_inventory_count_marks in exclusive mode;
    select m.expired_before into mark from cluster_inventory_count_marks m;
    delete from cluster_inventory_counts;
    insert into cluster_inventory_counts (subscription_id, location, seen_bucket, expired, clusters, nodes, cores)
    select (d).subscription_id, (d).location, (d).seen_bucket, (d).expired, count(*), sum((d).nodes), sum((d).cores)
      from (select cluster_inventory_count_delta_of(i, mark, 1) as d from cluster_inventory i) x
     group by 1, 2, 3, 4;
end
$$;

select cluster_inventory_counts_rebuild();
