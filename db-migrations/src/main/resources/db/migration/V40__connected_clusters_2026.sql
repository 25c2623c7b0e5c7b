-- connectedClusters 2026-05-01: the OIDC issuer and workload identity switches, the gateway switch, the Arc
-- agentry configurations (settings in clear, protected settings sealed with the secret box), and what the
-- agent reports about its components, errors and state.
alter table connected_clusters
    add column oidc_issuer_enabled        boolean,
    add column oidc_issuer_url            text,
    add column oidc_issuer_hash           text,
    add column self_hosted_issuer_url     text,
    add column workload_identity_enabled  boolean,
    add column gateway_enabled            boolean,
    add column agentry_settings           jsonb,
    add column agentry_protected          bytea,
    add column agentry_protected_key_id   text,
    add column desired_system_components  jsonb,
    add column agent_state                text,
    add column system_components          jsonb,
    add column agent_errors               jsonb;

create unique index connected_clusters_oidc_issuer_hash on connected_clusters (oidc_issuer_hash)
    where oidc_issuer_hash is not null;

-- The service-account signing keys (public JWKs) an agent uploaded for its cluster's OIDC issuer; an upload
-- replaces the set.
create table cluster_service_account_keys (
    cluster_id  uuid primary key references connected_clusters (id) on delete cascade,
    jwks        jsonb not null,
    uploaded_at timestamptz not null
);
