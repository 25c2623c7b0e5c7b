-- Agent identities: client certificates Mooring's internal CA issued to a cluster's agent at onboarding.
-- Re-onboarding revokes the cluster's earlier certificates.
create table agent_certificates (
    serial       text        primary key,
    cluster_id   uuid        not null references connected_clusters (id) on delete cascade,
    not_before   timestamptz not null,
    not_after    timestamptz not null,
    issued_at    timestamptz not null,
    revoked_at   timestamptz
);

create index agent_certificates_cluster_idx on agent_certificates (cluster_id) where revoked_at is null;

-- Onboarding tokens already used (their jti), kept until they expire, so a token cannot be replayed.
create table agent_onboarding_tokens (
    jti        text        primary key,
    expires_at timestamptz not null
);

create index agent_onboarding_tokens_expiry_idx on agent_onboarding_tokens (expires_at);
