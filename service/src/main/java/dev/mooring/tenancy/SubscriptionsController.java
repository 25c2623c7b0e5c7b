package dev.mooring.tenancy;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.CallerIdentity;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The Subscriptions API (Microsoft.Resources/subscriptions): read-only, in the shape the Azure SDKs expect. */
@RestController
class SubscriptionsController {

    private final Subscriptions subscriptions;
    private final Regions regions;

    SubscriptionsController(Subscriptions subscriptions, Regions regions) {
        this.subscriptions = subscriptions;
        this.regions = regions;
    }

    @GetMapping("/subscriptions")
    @ArmOperation(resourceType = TenancyApiVersions.SUBSCRIPTIONS, actions = ArmAction.SUBSCRIPTIONS_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    SubscriptionView.Page list(@AuthenticationPrincipal CallerIdentity caller) {
        List<SubscriptionView> value = subscriptions.visibleTo(caller).stream().map(SubscriptionView::of).toList();
        return new SubscriptionView.Page(value, new SubscriptionView.Count("Total", value.size()));
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    @ArmOperation(resourceType = TenancyApiVersions.SUBSCRIPTIONS, actions = ArmAction.SUBSCRIPTIONS_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    SubscriptionView get(@PathVariable String subscriptionId, @AuthenticationPrincipal CallerIdentity caller) {
        return SubscriptionView.of(subscriptions.readableBy(subscriptionId, caller));
    }

    @GetMapping("/subscriptions/{subscriptionId}/locations")
    @ArmOperation(resourceType = TenancyApiVersions.LOCATIONS, actions = ArmAction.SUBSCRIPTION_LOCATIONS_READ,
            authorization = ArmOperation.Authorization.IN_HANDLER)
    LocationView.Page locations(@PathVariable String subscriptionId, @AuthenticationPrincipal CallerIdentity caller) {
        subscriptions.readableBy(subscriptionId, caller);
        return new LocationView.Page(regions.all().stream()
                .map(region -> LocationView.of(subscriptionId, region)).toList());
    }
}
