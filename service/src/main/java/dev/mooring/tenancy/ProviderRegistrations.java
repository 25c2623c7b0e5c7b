package dev.mooring.tenancy;

import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.Bounded;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which provider namespaces each subscription is registered with. Registration answers
 * {@code Registering} and reads {@code Registered} once {@link ProvidersProperties#registrationDelay()}
 * has passed; the state is derived from when it was requested, so no job has to flip it.
 */
@Service
public class ProviderRegistrations {

    static final String REGISTERED = "Registered";
    static final String REGISTERING = "Registering";
    static final String NOT_REGISTERED = "NotRegistered";
    static final String UNREGISTERED = "Unregistered";

    private final ProviderRegistrationRepository repository;
    private final ObjectProvider<ProviderResources> resources;
    private final ProvidersProperties properties;
    private final Clock clock;

    ProviderRegistrations(ProviderRegistrationRepository repository, ObjectProvider<ProviderResources> resources,
            ProvidersProperties properties, Clock clock) {
        this.repository = repository;
        this.resources = resources;
        this.properties = properties;
        this.clock = clock;
    }

    /** Refuses a write of a resource in {@code namespace} with ARM's 409 unless the subscription is registered. */
    @Transactional(readOnly = true)
    public void requireRegistered(UUID subscriptionId, String namespace) {
        if (!REGISTERED.equals(state(subscriptionId, namespace))) {
            throw ArmException.withDetails(HttpStatus.CONFLICT, "MissingSubscriptionRegistration",
                    "The subscription is not registered to use namespace '" + namespace
                            + "'. See https://aka.ms/rps-not-found for how to register subscriptions.",
                    List.of(new ArmError("MissingSubscriptionRegistration", "The subscription is not registered to use namespace '"
                            + namespace + "'.", namespace)));
        }
    }

    @Transactional(readOnly = true)
    String state(UUID subscriptionId, String namespace) {
        ProviderCatalog.Provider provider = ProviderCatalog.find(namespace).orElse(null);
        if (provider == null) {
            return NOT_REGISTERED;
        }
        if (provider.alwaysRegistered()) {
            return REGISTERED;
        }
        return repository.findById(key(subscriptionId, namespace)).map(this::derived).orElse(NOT_REGISTERED);
    }

    @Transactional
    String register(UUID subscriptionId, String namespace) {
        ProviderCatalog.Provider provider = known(namespace);
        if (provider.alwaysRegistered()) {
            return REGISTERED;
        }
        Instant now = clock.instant();
        ProviderRegistration registration = repository.findById(key(subscriptionId, namespace)).orElse(null);
        if (registration == null) {
            registration = repository.save(new ProviderRegistration(key(subscriptionId, namespace), REGISTERING, now));
        } else if (!REGISTERING.equals(registration.state())) {
            registration.change(REGISTERING, now);
        }
        return derived(registration);
    }

    @Transactional
    String unregister(UUID subscriptionId, String namespace) {
        ProviderCatalog.Provider provider = known(namespace);
        if (provider.alwaysRegistered()) {
            throw new ArmException(HttpStatus.CONFLICT, "ProviderUnregistrationNotAllowed",
                    "The namespace '" + provider.namespace() + "' is always registered.");
        }
        long remaining = resources.orderedStream().filter(r -> r.namespace().equalsIgnoreCase(namespace))
                .mapToLong(r -> r.countIn(subscriptionId)).sum();
        if (remaining > 0) {
            throw new ArmException(HttpStatus.CONFLICT, "ProviderUnregistrationNotAllowed", "The subscription still has "
                    + remaining + " resource(s) of namespace '" + provider.namespace()
                    + "'. Delete them before unregistering the namespace.");
        }
        repository.findById(key(subscriptionId, namespace)).ifPresent(r -> r.change(UNREGISTERED, clock.instant()));
        return UNREGISTERED;
    }

    @Transactional
    void forgetSubscription(UUID subscriptionId) {
        repository.deleteBySubscription(subscriptionId);
    }

    private String derived(ProviderRegistration registration) {
        if (UNREGISTERED.equals(registration.state())) {
            return UNREGISTERED;
        }
        boolean done = !clock.instant().isBefore(registration.requestedAt().plus(properties.registrationDelay()));
        return done ? REGISTERED : REGISTERING;
    }

    static ProviderCatalog.Provider known(String namespace) {
        return ProviderCatalog.find(namespace).orElseThrow(() -> ArmException.notFound("InvalidResourceNamespace",
                "The resource namespace '" + Bounded.text(namespace) + "' is invalid."));
    }

    private static ProviderRegistration.Key key(UUID subscriptionId, String namespace) {
        return new ProviderRegistration.Key(subscriptionId, namespace.toLowerCase(Locale.ROOT));
    }
}
