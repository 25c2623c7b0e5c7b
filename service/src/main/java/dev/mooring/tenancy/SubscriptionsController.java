package dev.mooring.tenancy;

import dev.mooring.access.CallerIdentity;
import dev.mooring.arm.ApiVersionSet;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Subscriptions API (Microsoft.Resources/subscriptions): read-only, in the shape the Azure SDKs expect. */
@RestController
class SubscriptionsController {

    static final ApiVersionSet API_VERSIONS = ApiVersionSet.of("Microsoft.Resources/subscriptions",
            "2016-06-01", "2019-06-01", "2019-11-01", "2020-01-01", "2021-01-01", "2022-12-01");

    private final Subscriptions subscriptions;

    SubscriptionsController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/subscriptions")
    SubscriptionView.Page list(@RequestParam(name = "api-version", required = false) String apiVersion,
            @AuthenticationPrincipal CallerIdentity caller) {
        API_VERSIONS.require(apiVersion);
        List<SubscriptionView> value = subscriptions.visibleTo(caller).stream().map(SubscriptionView::of).toList();
        return new SubscriptionView.Page(value, new SubscriptionView.Count("Total", value.size()));
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    SubscriptionView get(@PathVariable String subscriptionId,
            @RequestParam(name = "api-version", required = false) String apiVersion,
            @AuthenticationPrincipal CallerIdentity caller) {
        API_VERSIONS.require(apiVersion);
        return SubscriptionView.of(subscriptions.readableBy(subscriptionId, caller));
    }
}
