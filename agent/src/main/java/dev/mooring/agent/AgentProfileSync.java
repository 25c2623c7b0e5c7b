package dev.mooring.agent;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Follows what ARM asks of the agent ({@code GET /agent-profile}) and tells it what the agent runs
 * ({@code POST /agent-status}): honours a desired agent version with a simulated upgrade (it reports
 * {@code Upgrading}, then runs and reports the new version the round after), reports an unusable desired version
 * as an error, uploads the cluster's service-account keys while the OIDC issuer is enabled (again when they
 * rotate), and applies the Arc agentry configurations it is given ({@link AgentrySync}).
 */
final class AgentProfileSync {

    static final Pattern INSTALLABLE = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    static final int MAX_ERRORS = 10;
    static final List<String> COMPONENTS = List.of("mooring-agent", "configuration-sync", "cluster-connect");
    private static final Logger log = Logger.getLogger(AgentProfileSync.class.getName());

    private final MooringClient mooring;
    private final ServiceAccountKeySource keys;
    private final AgentrySync agentrySync;
    private final Clock clock;
    private volatile String runningVersion;
    private String profileEtag;
    private JsonNode profile;
    private String upgradingTo;
    private String refusedVersion;
    private String state = "Succeeded";
    private final Deque<Map<String, Object>> errors = new ArrayDeque<>();
    private String uploadedJwks;
    private Map<String, Object> reported;
    private volatile List<JsonNode> agentry = List.of();

    /** {@code agentrySync} null: a stand-alone agent, which keeps the agentry configurations without applying them. */
    AgentProfileSync(MooringClient mooring, ServiceAccountKeySource keys, AgentrySync agentrySync, String version,
            Clock clock) {
        this.mooring = mooring;
        this.keys = keys;
        this.agentrySync = agentrySync;
        this.runningVersion = version;
        this.clock = clock;
    }

    String runningVersion() {
        return runningVersion;
    }

    /** The Arc agentry configurations last received (feature, settings, protectedSettings). */
    List<JsonNode> agentryConfigurations() {
        return agentry;
    }

    /** One round: fetch the profile when it changed, move the upgrade on, upload keys, report. */
    void sync(AgentIdentity identity) {
        MooringClient.Answer answer = mooring.agentProfile(identity, profileEtag);
        if (answer.status() != 304) {
            profile = answer.body();
            profileEtag = answer.etag();
            List<JsonNode> received = new ArrayList<>();
            profile.path("arcAgentryConfigurations").values().forEach(received::add);
            agentry = List.copyOf(received);
            applyAgentry();
        }
        upgrade(profile.path("desiredAgentVersion").asString(null));
        if (profile.path("oidcIssuer").path("enabled").asBoolean(false)) {
            uploadKeys(identity);
        }
        report(identity);
    }

    private void applyAgentry() {
        if (agentrySync == null) {
            return;
        }
        try {
            agentrySync.apply(agentry);
        } catch (RuntimeException e) {
            // Never the exception's text: it could quote a protected setting.
            error("Cannot apply the Arc agentry configurations to the cluster (" + e.getClass().getSimpleName() + ").",
                    "Error", "agentry");
        }
    }

    private void upgrade(String desired) {
        if (upgradingTo != null) {
            runningVersion = upgradingTo;
            upgradingTo = null;
            state = "Succeeded";
            log.info(() -> "Now running agent version " + runningVersion);
            return;
        }
        if (desired == null || desired.equals(runningVersion) || desired.equals(refusedVersion)) {
            return;
        }
        if (INSTALLABLE.matcher(desired).matches()) {
            upgradingTo = desired;
            state = "Upgrading";
        } else {
            refusedVersion = desired;
            state = "Failed";
            error("The desired agent version '" + desired + "' is not a version this agent can install"
                    + " (major.minor.patch expected).", "Error", "mooring-agent");
        }
    }

    private void uploadKeys(AgentIdentity identity) {
        String jwks;
        try {
            jwks = keys.jwks();
        } catch (RuntimeException e) {
            error("Cannot read the service-account signing keys: " + e.getMessage(), "Warning", "oidc-issuer");
            return;
        }
        if (jwks != null && !jwks.equals(uploadedJwks)) {
            mooring.uploadServiceAccountKeys(identity, jwks);
            uploadedJwks = jwks;
        }
    }

    private void error(String message, String severity, String component) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("severity", severity);
        error.put("component", component);
        error.put("time", clock.instant().toString());
        errors.addFirst(error);
        while (errors.size() > MAX_ERRORS) {
            errors.removeLast();
        }
    }

    private void report(AgentIdentity identity) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("agentState", state);
        status.put("systemComponents", COMPONENTS.stream()
                .map(type -> Map.of("type", type, "currentVersion", runningVersion)).toList());
        status.put("agentErrors", List.copyOf(errors));
        if (!status.equals(reported)) {
            mooring.agentStatus(identity, status);
            reported = status;
        }
    }
}
