package dev.mooring.tenancy;

import dev.mooring.arm.ArmContext;
import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.pipeline.ArmRequest;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.CallerIdentity;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Resource providers of a subscription: read them, register and unregister namespaces. */
@RestController
class ProvidersController {

    private static final String BASE = "/subscriptions/{subscriptionId}/providers";

    private final ProviderRegistrations registrations;
    private final Regions regions;
    private final ArmAuthorizer authorizer;

    ProvidersController(ProviderRegistrations registrations, Regions regions, ArmAuthorizer authorizer) {
        this.registrations = registrations;
        this.regions = regions;
        this.authorizer = authorizer;
    }

    @GetMapping(BASE)
    @ArmOperation(resourceType = TenancyApiVersions.PROVIDERS, actions = ArmAction.PROVIDERS_READ)
    ProviderView.Page list(@PathVariable String subscriptionId) {
        UUID id = UUID.fromString(subscriptionId);
        return new ProviderView.Page(ProviderCatalog.PROVIDERS.stream()
                .map(p -> ProviderView.of(subscriptionId, p, registrations.state(id, p.namespace()), regions.served()))
                .toList());
    }

    @GetMapping(BASE + "/{namespace}")
    @ArmOperation(resourceType = TenancyApiVersions.PROVIDERS, actions = ArmAction.PROVIDERS_READ)
    ProviderView get(@PathVariable String subscriptionId, @PathVariable String namespace) {
        ProviderCatalog.Provider provider = ProviderRegistrations.known(namespace);
        return ProviderView.of(subscriptionId, provider,
                registrations.state(UUID.fromString(subscriptionId), namespace), regions.served());
    }

    @PostMapping(BASE + "/{namespace}/register")
    @ArmOperation(resourceType = TenancyApiVersions.PROVIDERS, authorization = ArmOperation.Authorization.IN_HANDLER,
            actions = {ArmAction.KUBERNETES_REGISTER, ArmAction.KUBERNETES_CONFIGURATION_REGISTER})
    ProviderView register(@PathVariable String subscriptionId, @PathVariable String namespace,
            ArmContext context) {
        ProviderCatalog.Provider provider = requireActionFor(namespace, true, context);
        String state = registrations.register(UUID.fromString(subscriptionId), namespace);
        return ProviderView.of(subscriptionId, provider, state, regions.served());
    }

    @PostMapping(BASE + "/{namespace}/unregister")
    @ArmOperation(resourceType = TenancyApiVersions.PROVIDERS, authorization = ArmOperation.Authorization.IN_HANDLER,
            actions = {ArmAction.KUBERNETES_UNREGISTER, ArmAction.KUBERNETES_CONFIGURATION_UNREGISTER})
    ProviderView unregister(@PathVariable String subscriptionId, @PathVariable String namespace,
            ArmContext context) {
        ProviderCatalog.Provider provider = requireActionFor(namespace, false, context);
        String state = registrations.unregister(UUID.fromString(subscriptionId), namespace);
        return ProviderView.of(subscriptionId, provider, state, regions.served());
    }

    /** The action is the namespace's own {@code {ns}/register/action} (or unregister), at the subscription. */
    private ProviderCatalog.Provider requireActionFor(String namespace, boolean register, ArmContext context) {
        ProviderCatalog.Provider provider = ProviderRegistrations.known(namespace);
        ArmAction action = ArmAction.registration(provider.namespace(), register);
        if (action == null) {
            throw ArmException.badRequest("InvalidResourceNamespace", "The namespace '" + Bounded.text(namespace)
                    + "' needs no registration.", "namespace");
        }
        authorizer.require(context.caller(), action, context.scope());
        return provider;
    }
}
