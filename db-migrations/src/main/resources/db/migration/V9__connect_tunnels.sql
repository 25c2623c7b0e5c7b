-- Cluster connect: which Mooring replica holds which agent's tunnel, so a user request that lands on another
-- replica is forwarded to the owner. Replicas renew seen_at every few seconds; rows of a replica that stopped
-- renewing are ignored at once and deleted later (its tunnels went with it).
create table connect_replicas (
    replica_id uuid        primary key,
    peer_url   text        not null,
    seen_at    timestamptz not null
);

create table connect_tunnels (
    tunnel_id      uuid        primary key,
    cluster_id     uuid        not null references connected_clusters (id) on delete cascade,
    replica_id     uuid        not null references connect_replicas (replica_id) on delete cascade,
    agent_instance text        not null,
    connected_at   timestamptz not null
);

create index connect_tunnels_cluster on connect_tunnels (cluster_id);
create index connect_tunnels_replica on connect_tunnels (replica_id);
