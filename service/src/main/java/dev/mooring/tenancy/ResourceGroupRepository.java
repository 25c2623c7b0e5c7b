package dev.mooring.tenancy;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.NativeQuery;

interface ResourceGroupRepository extends JpaRepository<ResourceGroup, ResourceGroup.Key> {

    /** A keyset page of a subscription's groups by lower-cased name, optionally only those with a tag (and value). */
    @NativeQuery("""
            select * from resource_groups
             where subscription_id = :subscriptionId
               and name_key > :after
               and (cast(:tagName as text) is null or jsonb_exists(tags, cast(:tagName as text)))
               and (cast(:tagValue as text) is null or tags ->> cast(:tagName as text) = cast(:tagValue as text))
             order by name_key
             limit :limit""")
    List<ResourceGroup> page(UUID subscriptionId, String after, String tagName, String tagValue, int limit);

    /** A delete that failed for good leaves the group Failed, from where it can be deleted again. */
    @org.springframework.data.jpa.repository.Modifying
    @NativeQuery("""
            update resource_groups set provisioning_state = 'Failed', version = version + 1
             where subscription_id = :subscriptionId and name_key = lower(:name) and provisioning_state = 'Deleting'""")
    int markFailed(UUID subscriptionId, String name);

    @NativeQuery("select name_key from resource_groups where subscription_id = :subscriptionId")
    List<String> namesIn(UUID subscriptionId);
}
