package dev.mooring.local;

import dev.mooring.access.BuiltInRoles;
import dev.mooring.access.RoleAssignments;
import dev.mooring.tenancy.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Seeds local mode's tenant and subscription, with the local user as Owner, so the README's curl calls work at once. */
@Component
@ConditionalOnBooleanProperty("mooring.local.enabled")
class LocalSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocalSeed.class);

    private final LocalModeProperties properties;
    private final Subscriptions subscriptions;
    private final RoleAssignments roleAssignments;

    LocalSeed(LocalModeProperties properties, Subscriptions subscriptions, RoleAssignments roleAssignments) {
        this.properties = properties;
        this.subscriptions = subscriptions;
        this.roleAssignments = roleAssignments;
    }

    @Override
    public void run(ApplicationArguments args) {
        subscriptions.ensureRegistered(properties.subscriptionId(), properties.tenantId(), properties.subscriptionName());
        roleAssignments.grantAtSubscription(properties.subscriptionId(), properties.tenantId(), BuiltInRoles.OWNER,
                properties.userObjectId(), "User", "mooring-local-seed");
        roleAssignments.grantAtSubscription(properties.subscriptionId(), properties.tenantId(), BuiltInRoles.OWNER,
                properties.clientObjectId(), "ServicePrincipal", "mooring-local-seed");
        log.info("Local mode: tenant {} and subscription {} are ready; {} and the service principal {} (client"
                        + " credentials at /adfs, secret in {}) are their Owners", properties.tenantId(),
                properties.subscriptionId(), properties.userName(), properties.clientId(),
                properties.issuerDirectory().resolve(LocalClients.SECRET_FILE));
    }
}
