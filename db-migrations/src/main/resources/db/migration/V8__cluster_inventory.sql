-- Operator inventory: one narrow row per connected cluster with every field the inventory filters, sorts and
-- groups on, including the last heartbeat, so that fleet-wide counts read one table instead of joining a
-- million clusters with a million heartbeats. Triggers keep it in step with connected_clusters (ARM writes,
-- agent metadata, identity expiry) and cluster_heartbeats (the data plane's flush) inside the writing
-- transaction, so the inventory always agrees with what ARM GET derives.

-- "v1.28.3+k3s1" -> 1028003; "1.28" -> 1028000; anything else -> null. Orders versions numerically.
create function mooring_version_key(version text) returns bigint
    language plpgsql immutable strict parallel safe as $$
declare
    parts text[];
begin
    parts := regexp_match(version, '^[vV]?([0-9]{1,9})\.([0-9]{1,3})(?:\.([0-9]{1,3}))?');
    if parts is null then
        return null;
    end if;
    return parts[1]::bigint * 1000000 + parts[2]::bigint * 1000 + coalesce(parts[3], '0')::bigint;
end
$$;

-- fillfactor 80 leaves room on each page so that the heartbeat trigger's update of last_seen (which no index
-- covers) stays a HOT update: no index entry is written per heartbeat.
create table cluster_inventory (
    cluster_id             uuid        primary key references connected_clusters (id) on delete cascade,
    subscription_id        uuid        not null,
    resource_group_key     text        collate "C" not null,
    name_key               text        collate "C" not null,
    resource_group_name    text        not null,
    name                   text        not null,
    location               text        collate "C" not null,
    provisioning_state     text        not null,
    distribution           text,
    infrastructure         text,
    kubernetes_version     text,
    kubernetes_version_key bigint      generated always as (mooring_version_key(kubernetes_version)) stored,
    agent_version          text,
    agent_version_key      bigint      generated always as (mooring_version_key(agent_version)) stored,
    total_node_count       integer,
    total_core_count       integer,
    tags                   jsonb       not null default '{}'::jsonb,
    identity_expires_at    timestamptz,
    last_seen              timestamptz,
    created_at             timestamptz not null
) with (fillfactor = 80);

-- Keyset orders (each ends with name_key, cluster_id so that a key is unique) and selective filters. Keys use
-- the "C" collation: byte order is stable across servers and lets a name prefix use the name index. Version
-- orders index the same coalesce(..., -1) expressions the queries sort and filter on.
create index cluster_inventory_name_idx on cluster_inventory (name_key, cluster_id);
create index cluster_inventory_scope_idx on cluster_inventory (subscription_id, resource_group_key, name_key, cluster_id);
create index cluster_inventory_location_idx on cluster_inventory (location, name_key, cluster_id);
create index cluster_inventory_kubernetes_idx
    on cluster_inventory ((coalesce(kubernetes_version_key, -1)), name_key, cluster_id);
create index cluster_inventory_agent_idx on cluster_inventory ((coalesce(agent_version_key, -1)), name_key, cluster_id);
create index cluster_inventory_tags_idx on cluster_inventory using gin (tags);
create index cluster_inventory_unsucceeded_idx on cluster_inventory (provisioning_state) where provisioning_state <> 'Succeeded';

create function cluster_inventory_from_cluster() returns trigger language plpgsql as $$
begin
    insert into cluster_inventory (cluster_id, subscription_id, resource_group_key, name_key, resource_group_name, name,
                                   location, provisioning_state, distribution, infrastructure, kubernetes_version,
                                   agent_version, total_node_count, total_core_count, tags, identity_expires_at,
                                   created_at)
    values (new.id, new.subscription_id, new.resource_group_key, new.name_key, new.resource_group_name, new.name,
            new.location, new.provisioning_state, new.distribution, new.infrastructure, new.kubernetes_version,
            new.agent_version, new.total_node_count, new.total_core_count, new.tags,
            new.managed_identity_certificate_expiration_time, new.created_at)
    on conflict (cluster_id) do update
       set resource_group_name = excluded.resource_group_name, name = excluded.name, location = excluded.location,
           provisioning_state = excluded.provisioning_state, distribution = excluded.distribution,
           infrastructure = excluded.infrastructure, kubernetes_version = excluded.kubernetes_version,
           agent_version = excluded.agent_version, total_node_count = excluded.total_node_count,
           total_core_count = excluded.total_core_count, tags = excluded.tags,
           identity_expires_at = excluded.identity_expires_at;
    return null;
end
$$;

create trigger cluster_inventory_insert after insert on connected_clusters
    for each row execute function cluster_inventory_from_cluster();

-- Only the columns the inventory holds: the heartbeat never touches connected_clusters, and an ARM write
-- that changes none of them (an ETag, the audit fields) costs nothing here.
create trigger cluster_inventory_update after update on connected_clusters
    for each row
    when ((old.resource_group_name, old.name, old.location, old.provisioning_state, old.distribution,
           old.infrastructure, old.kubernetes_version, old.agent_version, old.total_node_count, old.total_core_count,
           old.tags, old.managed_identity_certificate_expiration_time)
          is distinct from
          (new.resource_group_name, new.name, new.location, new.provisioning_state, new.distribution,
           new.infrastructure, new.kubernetes_version, new.agent_version, new.total_node_count, new.total_core_count,
           new.tags, new.managed_identity_certificate_expiration_time))
    execute function cluster_inventory_from_cluster();

-- The heartbeat flush writes a batch in one statement; a statement trigger copies the batch's times in one
-- set-based update.
create function cluster_inventory_from_heartbeats() returns trigger language plpgsql as $$
begin
    update cluster_inventory i
       set last_seen = b.last_seen
      from heartbeats b
     where i.cluster_id = b.cluster_id
       and i.last_seen is distinct from b.last_seen;
    return null;
end
$$;

create trigger cluster_inventory_heartbeats_insert after insert on cluster_heartbeats
    referencing new table as heartbeats
    for each statement execute function cluster_inventory_from_heartbeats();

create trigger cluster_inventory_heartbeats_update after update on cluster_heartbeats
    referencing new table as heartbeats
    for each statement execute function cluster_inventory_from_heartbeats();

insert into cluster_inventory (cluster_id, subscription_id, resource_group_key, name_key, resource_group_name, name,
                               location, provisioning_state, distribution, infrastructure, kubernetes_version,
                               agent_version, total_node_count, total_core_count, tags, identity_expires_at,
                               last_seen, created_at)
select c.id, c.subscription_id, c.resource_group_key, c.name_key, c.resource_group_name, c.name, c.location,
       c.provisioning_state, c.distribution, c.infrastructure, c.kubernetes_version, c.agent_version,
       c.total_node_count, c.total_core_count, c.tags, c.managed_identity_certificate_expiration_time, h.last_seen,
       c.created_at
  from connected_clusters c left join cluster_heartbeats h on h.cluster_id = c.id;
