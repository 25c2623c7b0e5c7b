package dev.mooring.notifications;

import dev.mooring.arm.errors.ArmException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The CloudEvents webhook abuse-protection handshake (CloudEvents "HTTP 1.1 Web Hooks for Event Delivery", section
 * 4), as Event Grid runs it for CloudEvents subscriptions: before Mooring stores a destination it sends
 * {@code OPTIONS} with {@code WebHook-Request-Origin}; the receiver agrees by answering 2xx with
 * {@code WebHook-Allowed-Origin} equal to that origin or {@code *}. Without that, nothing is ever delivered there.
 */
@Component
class Handshake {

    static final String ORIGIN = "mooring.notifications";

    private final WebhookClient client;

    Handshake(WebhookClient client) {
        this.client = client;
    }

    void require(URI endpoint) {
        WebhookClient.Answer answer;
        try {
            answer = client.options(endpoint, Map.of("WebHook-Request-Origin", ORIGIN, "WebHook-Request-Rate", "120"));
        } catch (IOException e) {
            throw failed("the endpoint could not be reached");
        }
        if (!answer.success()) {
            throw failed("the endpoint answered HTTP " + answer.status());
        }
        if (answer.allowedOrigin() == null
                || !(answer.allowedOrigin().strip().equals("*") || answer.allowedOrigin().strip().equalsIgnoreCase(ORIGIN))) {
            throw failed("the endpoint did not answer with WebHook-Allowed-Origin: " + ORIGIN + " (or *)");
        }
    }

    private static ArmException failed(String why) {
        return new ArmException(HttpStatus.BAD_REQUEST, "EndpointValidationFailed", (
                "Webhook validation handshake failed: " + why + ". The endpoint must answer the CloudEvents"
                        + " abuse-protection request (OPTIONS with WebHook-Request-Origin) with WebHook-Allowed-Origin."),
                "properties.destination.properties.endpointUrl");
    }
}
