-- Notifications: event subscriptions (Microsoft.EventGrid/eventSubscriptions as an extension resource), the
-- transactional outbox of facts (notification_events) and the per-destination delivery queue.

create table event_subscriptions (
    id                      uuid        primary key,
    subscription_id         uuid        not null references subscriptions (id) on delete cascade,
    scope                   text        not null,
    scope_key               text        not null,
    name                    text        not null,
    name_key                text        not null,
    endpoint_base_url       text        not null,
    endpoint_url_key_id     text        not null,
    endpoint_url_sealed     bytea       not null,
    secret_key_id           text        not null,
    secret_sealed           bytea       not null,
    included_event_types    text[],
    subject_begins_with     text        not null default '',
    subject_ends_with       text        not null default '',
    max_delivery_attempts   integer     not null,
    event_ttl_minutes       integer     not null,
    max_events_per_batch    integer     not null,
    dead_letter             boolean     not null,
    labels                  jsonb       not null default '[]'::jsonb,
    provisioning_state      text        not null,
    system_data             jsonb       not null,
    -- delivery state: a lease (any replica's worker may hold it) and the destination's backoff
    lease_until             timestamptz,
    next_delivery_at        timestamptz,
    consecutive_failures    integer     not null default 0,
    -- delivery status shown on the resource
    last_success_at         timestamptz,
    last_failure_at         timestamptz,
    last_failure_reason     text,
    delivered_count         bigint      not null default 0,
    failure_count           bigint      not null default 0,
    dead_letter_count       bigint      not null default 0,
    unique (scope_key, name_key)
);

create index event_subscriptions_subscription_idx on event_subscriptions (subscription_id, scope_key);

-- The outbox: one row per fact, written in the fact's transaction (record_notification below). A row with a
-- debounce key is held until the debounce window after first_at has passed; a later fact with the same key
-- folds into it (and a flap back to where it started removes it).
create table notification_events (
    id              bigserial   primary key,
    event_id        uuid        not null,
    subscription_id uuid        not null,
    subject         text        not null,
    subject_key     text        not null,
    type            text        not null,
    time            timestamptz not null,
    first_at        timestamptz not null,
    data            jsonb       not null,
    debounce_key    text
);

create index notification_events_first_idx on notification_events (first_at, id);
create unique index notification_events_debounce_idx on notification_events (debounce_key) where debounce_key is not null;

-- What each event subscription still has to deliver, in order (id), with its attempts.
create table notification_deliveries (
    id                    bigserial   primary key,
    event_subscription_id uuid        not null references event_subscriptions (id) on delete cascade,
    event                 jsonb       not null,
    expires_at            timestamptz not null,
    attempts              integer     not null default 0,
    dead_lettered_at      timestamptz,
    last_error            text
);

create index notification_deliveries_pending_idx on notification_deliveries (event_subscription_id, id)
    where dead_lettered_at is null;

-- Records one fact in the outbox. With a debounce key, a pending fact with the same key absorbs it: its
-- "after" becomes the new one; when that equals its "before" (a flap and back) the pending fact is dropped.
create function record_notification(p_subscription uuid, p_subject text, p_type text, p_at timestamptz,
                                     p_before jsonb, p_after jsonb, p_debounce boolean) returns void
language plpgsql as $$
declare
    v_key text := case when p_debounce then lower(p_subject) || '|' || p_type end;
    v_before jsonb;
begin
    if v_key is not null then
        select data -> 'before' into v_before from notification_events where debounce_key = v_key for update;
        if found then
            if v_before is not distinct from p_after then
                delete from notification_events where debounce_key = v_key;
            else
                update notification_events
                   set data = jsonb_build_object('before', v_before, 'after', p_after), time = p_at
                 where debounce_key = v_key;
            end if;
            return;
        end if;
    end if;
    insert into notification_events (event_id, subscription_id, subject, subject_key, type, time, first_at, data,
                                     debounce_key)
    values (gen_random_uuid(), p_subscription, p_subject, lower(p_subject), p_type, p_at, p_at,
            jsonb_build_object('before', p_before, 'after', p_after), v_key)
    on conflict (debounce_key) where debounce_key is not null do update
       set data = jsonb_build_object('before', notification_events.data -> 'before', 'after', p_after), time = p_at;
end $$;

-- The connected cluster's ARM id as ConnectedCluster.resourceId writes it.
create function connected_cluster_resource_id(p_subscription uuid, p_group text, p_name text) returns text
language sql immutable as $$
    select '/subscriptions/' || p_subscription || '/resourceGroups/' || p_group
           || '/providers/Microsoft.Kubernetes/connectedClusters/' || p_name
$$;

-- Cluster events (the timeline) become notifications in the same transaction.
create function cluster_event_notifications() returns trigger
language plpgsql as $$
declare
    c record;
    v_subject text;
    v_previous jsonb := new.details -> 'previous';
begin
    select subscription_id, resource_group_name, name into c from connected_clusters where id = new.cluster_id;
    if not found then
        return null;
    end if;
    v_subject := connected_cluster_resource_id(c.subscription_id, c.resource_group_name, c.name);
    if new.kind = 'ConnectivityChanged' then
        perform record_notification(c.subscription_id, v_subject,
                'Microsoft.Kubernetes.ConnectedClusterConnectivityChanged', new.at,
                jsonb_build_object('connectivityStatus', new.details ->> 'from'),
                jsonb_build_object('connectivityStatus', new.details ->> 'to'), true);
    elsif new.kind = 'MetadataChanged' and v_previous is not null then
        if v_previous ->> 'agentVersion' is not null
                and v_previous ->> 'agentVersion' is distinct from new.details ->> 'agentVersion' then
            perform record_notification(c.subscription_id, v_subject,
                    'Microsoft.Kubernetes.ConnectedClusterAgentVersionChanged', new.at,
                    jsonb_build_object('agentVersion', v_previous ->> 'agentVersion'),
                    jsonb_build_object('agentVersion', new.details ->> 'agentVersion'), true);
        end if;
        if v_previous ->> 'kubernetesVersion' is not null
                and v_previous ->> 'kubernetesVersion' is distinct from new.details ->> 'kubernetesVersion' then
            perform record_notification(c.subscription_id, v_subject,
                    'Microsoft.Kubernetes.ConnectedClusterKubernetesVersionChanged', new.at,
                    jsonb_build_object('kubernetesVersion', v_previous ->> 'kubernetesVersion'),
                    jsonb_build_object('kubernetesVersion', new.details ->> 'kubernetesVersion'), true);
        end if;
    elsif new.kind = 'IdentityExpiringSoon' then
        perform record_notification(c.subscription_id, v_subject,
                'Microsoft.Kubernetes.ConnectedClusterIdentityExpiringSoon', new.at, null,
                jsonb_build_object('managedIdentityCertificateExpirationTime', new.details ->> 'expiresAt'), false);
    end if;
    return null;
end $$;

create trigger cluster_events_notify after insert on cluster_events
    for each row execute function cluster_event_notifications();

-- A cluster's creation finishing and its deletion.
create function cluster_lifecycle_notifications() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform record_notification(old.subscription_id,
                connected_cluster_resource_id(old.subscription_id, old.resource_group_name, old.name),
                'Microsoft.Kubernetes.ConnectedClusterDeleted', now(),
                jsonb_build_object('provisioningState', old.provisioning_state), null, false);
    elsif old.provisioning_state = 'Accepted' and new.provisioning_state = 'Succeeded' then
        perform record_notification(new.subscription_id,
                connected_cluster_resource_id(new.subscription_id, new.resource_group_name, new.name),
                'Microsoft.Kubernetes.ConnectedClusterCreated', now(), null,
                jsonb_build_object('provisioningState', new.provisioning_state), false);
    end if;
    return null;
end $$;

create trigger connected_clusters_notify after update of provisioning_state or delete on connected_clusters
    for each row execute function cluster_lifecycle_notifications();

-- A source control configuration's compliance state as its agent reports it.
create function configuration_compliance_notifications() returns trigger
language plpgsql as $$
declare
    c record;
begin
    if old.compliance_state is not distinct from new.compliance_state then
        return null;
    end if;
    select subscription_id, resource_group_name, name into c from connected_clusters where id = new.cluster_id;
    if found then
        perform record_notification(c.subscription_id,
                connected_cluster_resource_id(c.subscription_id, c.resource_group_name, c.name)
                    || '/providers/Microsoft.KubernetesConfiguration/sourceControlConfigurations/' || new.name,
                'Microsoft.KubernetesConfiguration.SourceControlConfigurationComplianceChanged', now(),
                jsonb_build_object('complianceState', old.compliance_state),
                jsonb_build_object('complianceState', new.compliance_state), true);
    end if;
    return null;
end $$;

create trigger source_control_configurations_notify after update of compliance_state on source_control_configurations
    for each row execute function configuration_compliance_notifications();
