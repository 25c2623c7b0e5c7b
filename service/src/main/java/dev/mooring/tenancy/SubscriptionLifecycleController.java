package dev.mooring.tenancy;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmOperation;
import dev.mooring.arm.CallerIdentity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** ARM's subscription lifecycle notification; in Mooring only platform administrators send it. */
@RestController
class SubscriptionLifecycleController {

    private final SubscriptionLifecycle lifecycle;

    SubscriptionLifecycleController(SubscriptionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @PutMapping("/subscriptions/{subscriptionId}")
    @ArmOperation(resourceType = TenancyApiVersions.SUBSCRIPTION_LIFECYCLE, actions = ArmAction.SUBSCRIPTIONS_WRITE,
            authorization = ArmOperation.Authorization.PLATFORM_ADMIN)
    SubscriptionLifecycle.Notification put(@PathVariable String subscriptionId,
            @RequestBody(required = false) SubscriptionLifecycle.Notification notification,
            @AuthenticationPrincipal CallerIdentity caller) {
        return lifecycle.apply(subscriptionId, notification, caller);
    }
}
