-- What the agent data plane keeps in memory on every replica (the cluster an agent certificate names, the
-- certificate's revocation, the cluster's configuration version) is announced on change, whoever writes it,
-- cascades included: each replica listens and drops its copy. Notifications are sent on commit.

create function notify_cluster_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('connected_clusters_changed', old.id::text);
    return null;
end $$;

create trigger connected_clusters_changed
    after update of subscription_id, resource_group_name, name, location, id or delete on connected_clusters
    for each row execute function notify_cluster_changed();

create function notify_agent_certificate_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('agent_certificates_changed', coalesce(old.serial, new.serial));
    return null;
end $$;

create trigger agent_certificates_changed
    after insert or update or delete on agent_certificates
    for each row execute function notify_agent_certificate_changed();

create function notify_configuration_version_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('configuration_versions_changed', coalesce(new.cluster_id, old.cluster_id)::text);
    return null;
end $$;

create trigger configuration_versions_changed
    after insert or update or delete on cluster_configuration_versions
    for each row execute function notify_configuration_version_changed();
