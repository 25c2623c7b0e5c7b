package dev.mooring.clusters;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mooring.arm.Bounded;
import dev.mooring.arm.JsonFields;
import dev.mooring.arm.SystemData;
import dev.mooring.arm.errors.ArmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connected cluster wire model of api-version 2026-05-01, also serving the previews whose shapes are subsets
 * of it: 2024-01-01's model plus the agent's system components, errors and state in arcAgentProfile, the OIDC
 * issuer and workload identity, the gateway switch and the Arc agentry configurations (protected settings are
 * written, never shown). PATCH changes tags, distribution, distributionVersion, azureHybridBenefit and gateway;
 * only 2026-05-01 runs it as a long-running operation. Versions whose connectivity enum lacks
 * {@code AgentNotInstalled} show such clusters as {@code Connecting}, as they did before.
 */
final class Arc2026Model implements ClusterWireModel {

    static final String V2026 = "2026-05-01";
    static final int MAX_AGENTRY_CONFIGURATIONS = 20;
    static final int MAX_SYSTEM_COMPONENTS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<ClusterSpec.Property> WRITTEN = EnumSet.of(ClusterSpec.Property.SYSTEM_COMPONENTS,
            ClusterSpec.Property.OIDC_ISSUER_PROFILE, ClusterSpec.Property.SECURITY_PROFILE,
            ClusterSpec.Property.GATEWAY, ClusterSpec.Property.ARC_AGENTRY_CONFIGURATIONS);

    private final List<String> versions;
    private final boolean showsAgentNotInstalled;
    private final boolean longRunningPatch;
    private final Arc2024Model base = new Arc2024Model();

    private Arc2026Model(List<String> versions, boolean showsAgentNotInstalled, boolean longRunningPatch) {
        this.versions = versions;
        this.showsAgentNotInstalled = showsAgentNotInstalled;
        this.longRunningPatch = longRunningPatch;
    }

    /** 2026-05-01 itself: AgentNotInstalled, long-running PATCH. */
    static Arc2026Model stable() {
        return new Arc2026Model(List.of(V2026), true, true);
    }

    /** The previews whose connectivity enum has AgentNotInstalled; their PATCH stays synchronous. */
    static Arc2026Model previews() {
        return new Arc2026Model(List.of("2024-12-01-preview", "2025-08-01-preview", "2025-12-01-preview"), true, false);
    }

    /** 2024-07-15-preview, whose connectivity enum stops at Expired. */
    static Arc2026Model preview2024() {
        return new Arc2026Model(List.of("2024-07-15-preview"), false, false);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cluster(String id, String name, String type, String location, Map<String, String> tags,
            Arc2021Model.Identity identity, String kind, Properties properties, SystemData systemData) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String agentPublicKeyCertificate, String kubernetesVersion, Integer totalNodeCount,
            Integer totalCoreCount, String agentVersion, String provisioningState, String distribution,
            String distributionVersion, String infrastructure, String offering,
            Instant managedIdentityCertificateExpirationTime, Instant lastConnectivityTime, String connectivityStatus,
            String privateLinkState, String privateLinkScopeResourceId, String azureHybridBenefit,
            Map<String, Object> aadProfile, ArcAgentProfile arcAgentProfile, SecurityProfile securityProfile,
            OidcIssuerProfile oidcIssuerProfile, Gateway gateway, List<AgentryConfiguration> arcAgentryConfigurations,
            Map<String, String> miscellaneousProperties) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ArcAgentProfile(String desiredAgentVersion, String agentAutoUpgrade, List<SystemComponent> systemComponents,
            List<AgentError> agentErrors, String agentState) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SystemComponent(String type, String userSpecifiedVersion, Integer majorVersion, String currentVersion) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentError(String message, String severity, String component, Instant time) {
    }

    record SecurityProfile(WorkloadIdentity workloadIdentity) {
    }

    record WorkloadIdentity(Boolean enabled) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OidcIssuerProfile(Boolean enabled, String issuerUrl, String selfHostedIssuerUrl) {
    }

    record Gateway(Boolean enabled) {
    }

    /** Settings only: protected settings are never shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentryConfiguration(String feature, Map<String, String> settings) {
    }

    @Override
    public List<String> apiVersions() {
        return versions;
    }

    @Override
    public boolean longRunningPatch() {
        return longRunningPatch;
    }

    @Override
    public Cluster view(ConnectedCluster c, String connectivityStatus) {
        String status = showsAgentNotInstalled ? connectivityStatus
                : ConnectivityPolicy.withoutAgentNotInstalled(connectivityStatus);
        return new Cluster(c.resourceId(), c.name(), ConnectedCluster.TYPE, c.location(), c.tags(),
                Arc2021Model.identity(c), c.kind(),
                new Properties(c.agentPublicKey(), c.kubernetesVersion(), c.totalNodeCount(), c.totalCoreCount(),
                        c.agentVersion(), c.provisioningState(), c.distribution(), c.distributionVersion(),
                        c.infrastructure(), c.offering(), c.managedIdentityCertificateExpirationTime(),
                        c.lastConnectivityTime(), status, c.privateLinkState(), c.privateLinkScopeResourceId(),
                        c.azureHybridBenefit(), c.aadProfile(), agentProfile(c),
                        c.workloadIdentityEnabled() == null ? null
                                : new SecurityProfile(new WorkloadIdentity(c.workloadIdentityEnabled())),
                        oidc(c), c.gatewayEnabled() == null ? null : new Gateway(c.gatewayEnabled()), agentry(c),
                        c.miscellaneousProperties()),
                c.systemData());
    }

    private static ArcAgentProfile agentProfile(ConnectedCluster c) {
        Map<String, Object> desired = c.arcAgentProfile() == null ? Map.of() : c.arcAgentProfile();
        Map<String, String> running = new LinkedHashMap<>();
        for (JsonNode reported : parse(c.reportedComponentsJson())) {
            running.put(reported.path("type").asString(""), reported.path("currentVersion").asString(null));
        }
        List<SystemComponent> components = new ArrayList<>();
        Map<String, Object> wanted = c.desiredSystemComponents() == null ? Map.of() : c.desiredSystemComponents();
        wanted.forEach((type, value) -> {
            Map<?, ?> component = (Map<?, ?>) value;
            components.add(new SystemComponent(type, (String) component.get("userSpecifiedVersion"),
                    component.get("majorVersion") == null ? null : ((Number) component.get("majorVersion")).intValue(),
                    running.get(type)));
        });
        running.forEach((type, version) -> {
            if (!wanted.containsKey(type)) {
                components.add(new SystemComponent(type, null, null, version));
            }
        });
        List<AgentError> errors = new ArrayList<>();
        for (JsonNode error : parse(c.agentErrorsJson())) {
            errors.add(new AgentError(error.path("message").asString(null), error.path("severity").asString(null),
                    error.path("component").asString(null), error.hasNonNull("time")
                            ? Instant.parse(error.get("time").asString()) : null));
        }
        if (desired.isEmpty() && components.isEmpty() && errors.isEmpty() && c.agentState() == null) {
            return null;
        }
        return new ArcAgentProfile((String) desired.get("desiredAgentVersion"), (String) desired.get("agentAutoUpgrade"),
                components.isEmpty() ? null : components, errors.isEmpty() ? null : errors, c.agentState());
    }

    private static OidcIssuerProfile oidc(ConnectedCluster c) {
        if (c.oidcIssuerEnabled() == null && c.selfHostedIssuerUrl() == null) {
            return null;
        }
        boolean published = Boolean.TRUE.equals(c.oidcIssuerEnabled()) && c.selfHostedIssuerUrl() == null;
        return new OidcIssuerProfile(c.oidcIssuerEnabled(), published ? c.oidcIssuerUrl() : null,
                c.selfHostedIssuerUrl());
    }

    private static List<AgentryConfiguration> agentry(ConnectedCluster c) {
        if (c.agentrySettings() == null || c.agentrySettings().isEmpty()) {
            return null;
        }
        List<AgentryConfiguration> list = new ArrayList<>();
        c.agentrySettings().forEach((feature, settings) -> {
            Map<?, ?> map = (Map<?, ?>) settings;
            Map<String, String> strings = new LinkedHashMap<>();
            map.forEach((k, v) -> strings.put(k.toString(), v == null ? "" : v.toString()));
            list.add(new AgentryConfiguration(feature, strings.isEmpty() ? null : strings));
        });
        return list;
    }

    private static Iterable<JsonNode> parse(String json) {
        return json == null || json.isBlank() ? List.of() : JSON.readTree(json).values();
    }

    @Override
    public ClusterSpec readPut(JsonNode body) {
        ClusterSpec spec = base.readPut(body);
        JsonNode p = body.get("properties");
        JsonNode agent = JsonFields.object(p, "arcAgentProfile", "properties.arcAgentProfile");
        JsonNode oidc = JsonFields.object(p, "oidcIssuerProfile", "properties.oidcIssuerProfile");
        JsonNode security = JsonFields.object(p, "securityProfile", "properties.securityProfile");
        JsonNode workload = JsonFields.object(security, "workloadIdentity",
                "properties.securityProfile.workloadIdentity");
        Boolean oidcEnabled = JsonFields.bool(oidc, "enabled", "properties.oidcIssuerProfile.enabled");
        String selfHosted = JsonFields.string(oidc, "selfHostedIssuerUrl",
                "properties.oidcIssuerProfile.selfHostedIssuerUrl");
        if (selfHosted != null) {
            requireHttpsUrl(selfHosted, "properties.oidcIssuerProfile.selfHostedIssuerUrl");
        }
        Boolean workloadIdentity = JsonFields.bool(workload, "enabled",
                "properties.securityProfile.workloadIdentity.enabled");
        if (Boolean.TRUE.equals(workloadIdentity) && !Boolean.TRUE.equals(oidcEnabled)) {
            throw ArmException.badRequest("InvalidParameter", "Workload identity needs the OIDC issuer: set"
                    + " properties.oidcIssuerProfile.enabled to true as well.",
                    "properties.securityProfile.workloadIdentity.enabled");
        }
        ClusterSpec.Profiles2026 profiles = new ClusterSpec.Profiles2026(systemComponents(agent), oidcEnabled,
                selfHosted, workloadIdentity, gateway(JsonFields.object(p, "gateway", "properties.gateway")),
                agentryConfigurations(p));
        return spec.with2026(profiles, WRITTEN);
    }

    @Override
    public ClusterPatch readPatch(JsonNode body) {
        ClusterPatch patch = base.readPatch(body);
        JsonNode p = JsonFields.object(body, "properties", "properties");
        if (p == null || !p.has("gateway")) {
            return patch;
        }
        JsonNode gateway = p.get("gateway");
        return patch.withGateway(java.util.Optional.of(gateway.isNull() ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(gateway(JsonFields.object(p, "gateway", "properties.gateway")))));
    }

    /** The gateway switch; there is no gateway resource type yet, so naming one is refused. */
    private static Boolean gateway(JsonNode gateway) {
        if (gateway == null) {
            return null;
        }
        Boolean enabled = JsonFields.bool(gateway, "enabled", "properties.gateway.enabled");
        String resourceId = JsonFields.string(gateway, "resourceId", "properties.gateway.resourceId");
        if (Boolean.TRUE.equals(enabled) && resourceId != null && !resourceId.isBlank()) {
            throw ArmException.badRequest("GatewayNotFound", "The gateway '" + Bounded.text(resourceId)
                    + "' does not exist: this installation has no gateway resources. Leave out"
                    + " properties.gateway.resourceId, or set properties.gateway.enabled to false.",
                    "properties.gateway.resourceId");
        }
        return enabled;
    }

    /**
     * The objects of the array at {@code field} (null when absent or null), each with its own target, checked
     * for at most {@code max} entries and one {@code key} each (case-insensitively), which must not be blank.
     */
    private static Map<String, JsonNode> keyedObjects(JsonNode parent, String field, String target, int max,
            String key) {
        JsonNode list = parent == null ? null : parent.get(field);
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray() || list.size() > max) {
            throw ArmException.badRequest("InvalidRequestContent", "The property '" + target + "' must be an array of"
                    + " at most " + max + " objects.", target);
        }
        Map<String, JsonNode> byTarget = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String itemTarget = target + "[" + i + "]";
            JsonNode item = JsonFields.requireObject(list.get(i), itemTarget);
            String value = JsonFields.string(item, key, itemTarget + "." + key);
            if (value == null || value.isBlank() || !keys.add(value.toLowerCase(Locale.ROOT))) {
                throw ArmException.badRequest("InvalidParameter", "Each entry of '" + target + "' needs a '" + key
                        + "', once.", itemTarget + "." + key);
            }
            byTarget.put(itemTarget, item);
        }
        return byTarget;
    }

    private static List<Map<String, Object>> systemComponents(JsonNode agent) {
        Map<String, JsonNode> items = keyedObjects(agent, "systemComponents",
                "properties.arcAgentProfile.systemComponents", MAX_SYSTEM_COMPONENTS, "type");
        if (items == null) {
            return null;
        }
        List<Map<String, Object>> components = new ArrayList<>();
        items.forEach((target, item) -> {
            JsonNode major = item.get("majorVersion");
            if (major != null && !major.isNull() && !major.canConvertToInt()) {
                throw ArmException.badRequest("InvalidRequestContent", "The property '" + target
                        + ".majorVersion' must be an integer.", target + ".majorVersion");
            }
            components.add(JsonFields.compact("type", item.get("type").stringValue(), "userSpecifiedVersion",
                    JsonFields.string(item, "userSpecifiedVersion", target + ".userSpecifiedVersion"),
                    "majorVersion", major == null || major.isNull() ? null : major.intValue()));
        });
        return components;
    }

    private static List<ClusterSpec.AgentryConfiguration> agentryConfigurations(JsonNode properties) {
        Map<String, JsonNode> items = keyedObjects(properties, "arcAgentryConfigurations",
                "properties.arcAgentryConfigurations", MAX_AGENTRY_CONFIGURATIONS, "feature");
        if (items == null) {
            return null;
        }
        List<ClusterSpec.AgentryConfiguration> configurations = new ArrayList<>();
        items.forEach((target, item) -> configurations.add(new ClusterSpec.AgentryConfiguration(
                item.get("feature").stringValue(), JsonFields.stringMap(item, "settings", target + ".settings"),
                JsonFields.stringMap(item, "protectedSettings", target + ".protectedSettings"))));
        return configurations;
    }

    private static void requireHttpsUrl(String value, String target) {
        try {
            java.net.URI uri = new java.net.URI(value);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the error below
        }
        throw ArmException.badRequest("InvalidParameter", "The property '" + target + "' must be an https URL.", target);
    }
}
