package dev.mooring.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;

/**
 * The reference agent: onboards once (its identity survives restarts), heartbeats at the cadence Mooring
 * sets with ±jitter, keeps the cluster's configurations in sync (long-polling for changes) and reports
 * what it applied, renews its identity from day 46, backs off with jitter on errors, and stops for good
 * when its cluster is deleted.
 */
final class Agent {

    static final String VERSION = "0.1.0";
    static final String FLUX_SECTION = "fluxConfigurations";
    /**
     * The liveness file in the state directory: the epoch second until which the heartbeat loop promises to have
     * come round again. The image's HEALTHCHECK and the chart's liveness probe compare it with the clock.
     */
    static final String ALIVE_FILE = "alive-until";
    /** What a round may take on top of its pause: a renewal and a heartbeat call, 30 s each at most, and slack. */
    static final Duration ALIVE_GRACE = Duration.ofMinutes(2);
    private static final Logger log = Logger.getLogger(Agent.class.getName());

    private final AgentSettings settings;
    private final MooringClient mooring;
    private final ClusterFacts facts;
    private final ConfigurationSync sync;
    private final ExtensionSync extensions;
    private final FluxSync flux;
    private final Clock clock;
    private final AgentProfileSync profile;
    /** The extensions to keep installed, as last delivered, and what was last reported about each. */
    private List<JsonNode> desiredExtensions = List.of();
    private final Map<String, Map<String, Object>> reportedExtensions = new java.util.HashMap<>();
    private volatile AgentIdentity identity;
    private volatile boolean stopped;
    private String configurationVersion;
    /** The flux configurations to keep applied, and the last status said of each (reports go only on change). */
    private List<JsonNode> fluxApplied = new ArrayList<>();
    private final Map<String, Map<String, Object>> fluxReports = new HashMap<>();
    private long heartbeatSeconds = 300;
    private int jitterPercent = 25;

    Agent(AgentSettings settings, MooringClient mooring, ClusterFacts facts, ConfigurationSync sync, Clock clock) {
        this(settings, mooring, facts, sync, sync == null ? ServiceAccountKeySource.NONE
                : ServiceAccountKeySource.fromKubernetes(sync.kubernetes()), clock);
    }

    Agent(AgentSettings settings, MooringClient mooring, ClusterFacts facts, ConfigurationSync sync,
            ServiceAccountKeySource keys, Clock clock) {
        this.settings = settings;
        this.mooring = mooring;
        this.facts = facts;
        this.sync = sync;
        this.extensions = sync == null ? null : new ExtensionSync(sync.kubernetes());
        this.flux = sync == null ? null : new FluxSync(sync.kubernetes());
        this.clock = clock;
        this.profile = new AgentProfileSync(mooring, keys, sync == null ? null : new AgentrySync(sync.kubernetes()),
                VERSION, clock);
    }

    /** What ARM asks of this agent and what it reports back (desired version, keys, agentry configurations). */
    AgentProfileSync profile() {
        return profile;
    }

    /** One round of the agent profile: follow the desired version, upload keys, report components and errors. */
    void syncProfile() {
        profile.sync(identity);
    }

    boolean stopped() {
        return stopped;
    }

    /** Loads the saved identity, or onboards with the onboarding key and saves the one Mooring issues. */
    void ensureIdentity() {
        identity = AgentIdentity.load(settings.stateDirectory()).orElse(null);
        if (identity != null) {
            return;
        }
        KeyPair key = AgentIdentity.newKey();
        String token = Tokens.onboarding(Pems.privateKey(settings.onboardingPrivateKey()), settings.audience(),
                settings.clusterResourceId(), key.getPublic());
        MooringClient.Answer answer = mooring.onboard(token, AgentIdentity.csr(key));
        identity = AgentIdentity.of(key, answer.body().get("certificate").stringValue());
        identity.save(settings.stateDirectory());
        log.info(() -> "Onboarded; identity valid until " + identity.certificate.getNotAfter());
    }

    void renewIfDue() {
        if (identity.renewalDue(clock.instant())) {
            KeyPair key = AgentIdentity.newKey();
            MooringClient.Answer answer = mooring.renew(identity, AgentIdentity.csr(key));
            identity = AgentIdentity.of(key, answer.body().get("certificate").stringValue());
            identity.save(settings.stateDirectory());
            log.info(() -> "Renewed identity; valid until " + identity.certificate.getNotAfter());
        }
    }

    void heartbeat() {
        ClusterFacts.Facts now = facts.read();
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("agentVersion", profile.runningVersion());
        beat.put("kubernetesVersion", now.kubernetesVersion());
        beat.put("totalNodeCount", now.totalNodeCount());
        beat.put("totalCoreCount", now.totalCoreCount());
        beat.put("offering", "mooring-reference-agent");
        beat.put("components", List.of(Map.of("name", "mooring-agent", "readyReplicas", 1, "desiredReplicas", 1)));
        beat.put("agentTime", clock.instant().toString());
        JsonNode answer = mooring.heartbeat(identity, beat).body();
        heartbeatSeconds = answer.get("nextHeartbeatSeconds").asLong(300);
        jitterPercent = answer.get("jitterPercent").asInt(25);
    }

    /** The cluster this agent speaks for (the simulator's checks use it). */
    String clusterResourceId() {
        return settings.clusterResourceId();
    }

    /** Signs call tokens ahead (the simulator's; see MooringClient.presign). */
    void presign(int count, java.time.Duration lifetime) {
        mooring.presign(identity, count, lifetime);
    }

    /** What the agent was installed with (the simulator's). */
    AgentSettings settings() {
        return settings;
    }

    /** The authenticated no-op call (the simulator's HTTP ceiling). */
    void identityCall() {
        mooring.identity(identity);
    }

    /**
     * One round of configuration sync: fetch (waiting up to {@code waitSeconds} for a change), apply, report; then
     * report the installed extensions' and the applied flux configurations' state where it changed.
     */
    void syncConfigurations(int waitSeconds) {
        MooringClient.Answer answer = mooring.configurations(identity, configurationVersion, waitSeconds);
        if (answer.status() != 304) {
            applyConfigurations(answer);
            JsonNode delivered = answer.body().get("extensions");
            applyExtensions(delivered == null ? List.of() : delivered.values());
            applyFlux(answer.body().path("fluxConfigurations"));
            configurationVersion = answer.etag();
        }
        reportExtensions();
        reportFlux();
    }

    private void applyConfigurations(MooringClient.Answer answer) {
        java.util.Set<String> desired = new java.util.HashSet<>();
        for (JsonNode configuration : answer.body().get("configurations").values()) {
            String name = configuration.get("name").stringValue();
            boolean remove = "remove".equals(configuration.get("desiredState").stringValue());
            if (!remove) {
                desired.add(name);
            }
            try {
                if (sync == null) {
                    reportStandAlone(name, remove);
                } else if (remove) {
                    sync.remove(configuration);
                    mooring.removed(identity, name);
                } else {
                    sync.apply(configuration);
                    mooring.status(identity, name, Map.of("complianceState", "Installed", "messageLevel", "Information",
                            "message", "Applied to namespace " + configuration.get("operatorNamespace").stringValue(),
                            "lastConfigApplied", clock.instant().toString()));
                }
            } catch (MooringClient.ClusterDeleted deleted) {
                throw deleted;
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Configuration " + name + " failed", e);
                if (!remove) {
                    mooring.status(identity, name, Map.of("complianceState", "Failed", "messageLevel", "Error",
                            "message", String.valueOf(e.getMessage())));
                }
            }
        }
        if (sync != null) {
            // What was deleted while this agent was away is no longer listed at all: take it off the cluster too.
            sync.prune(desired).forEach(name -> log.info("Removed configuration " + name
                    + ", deleted while this agent was not connected"));
        }
    }

    /**
     * Installs or removes each delivered extension (as Flux objects), and removes those this agent installed that
     * are no longer delivered (force-deleted). A stand-alone agent acknowledges them instead.
     */
    private void applyExtensions(Iterable<JsonNode> delivered) {
        List<JsonNode> desired = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode extension : delivered) {
            String name = extension.get("name").stringValue();
            names.add(name);
            boolean remove = "remove".equals(extension.get("desiredState").stringValue());
            try {
                if (remove) {
                    if (extensions != null) {
                        extensions.remove(name);
                    }
                    reportedExtensions.remove(name);
                    mooring.sectionRemoved(identity, "extensions", name);
                } else if (extensions == null) {
                    mooring.sectionStatus(identity, "extensions", name, new ExtensionSync.Report("Installed",
                            extension.get("version").stringValue(), List.of(Map.of("code", "StandAlone", "level",
                            "Information", "message", "Acknowledged by a stand-alone agent (--kubernetes none): there is"
                            + " no cluster to install it on")), null).body());
                } else {
                    extensions.apply(extension);
                    desired.add(extension);
                }
            } catch (MooringClient.ClusterDeleted deleted) {
                throw deleted;
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Extension " + name + " failed", e);
                if (!remove) {
                    mooring.sectionStatus(identity, "extensions", name, new ExtensionSync.Report("Failed", null,
                            List.of(), Map.of("code", "AgentApplyFailed", "message", String.valueOf(e.getMessage())))
                            .body());
                }
            }
        }
        if (extensions != null) {
            extensions.removeAllBut(names);
        }
        desiredExtensions = desired;
    }

    /** Reports each installed extension's state (from its HelmRelease) when it differs from the last report. */
    private void reportExtensions() {
        for (JsonNode extension : desiredExtensions) {
            String name = extension.get("name").stringValue();
            Map<String, Object> report = extensions.status(extension).body();
            if (!report.equals(reportedExtensions.get(name))) {
                mooring.sectionStatus(identity, "extensions", name, report);
                reportedExtensions.put(name, report);
            }
        }
    }

    /**
     * The flux configurations: Flux's objects written (or removed) and their status reported. A stand-alone agent has
     * no cluster and no Flux: it reports Unknown, saying why, and confirms removals.
     */
    private void applyFlux(JsonNode configurations) {
        for (JsonNode configuration : configurations.values()) {
            String name = configuration.get("name").stringValue();
            boolean remove = "remove".equals(configuration.get("desiredState").stringValue());
            try {
                if (remove) {
                    if (flux != null) {
                        flux.remove(name, configuration.get("namespace").stringValue());
                    }
                    mooring.sectionRemoved(identity, FLUX_SECTION, name);
                } else if (flux == null) {
                    mooring.sectionStatus(identity, FLUX_SECTION, name, Map.of("complianceState", "Unknown",
                            "errorMessage", "Acknowledged by a stand-alone agent (--kubernetes none): there is no cluster"
                                    + " and no Flux to apply it"));
                } else {
                    flux.apply(configuration);
                    fluxReports.remove(name);
                }
            } catch (MooringClient.ClusterDeleted deleted) {
                throw deleted;
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Flux configuration " + name + " failed", e);
                if (!remove) {
                    Map<String, Object> failed = Map.of("complianceState", "Non-Compliant", "errorMessage",
                            String.valueOf(e.getMessage()));
                    mooring.sectionStatus(identity, FLUX_SECTION, name, failed);
                    fluxReports.put(name, failed);
                }
            }
        }
        fluxApplied = new ArrayList<>();
        configurations.values().forEach(c -> {
            if (!"remove".equals(c.get("desiredState").stringValue())) {
                fluxApplied.add(c);
            }
        });
        fluxReports.keySet().retainAll(fluxApplied.stream().map(c -> c.get("name").stringValue()).toList());
    }

    /** Reports each applied flux configuration's status read from its Flux objects, when it changed since last said. */
    private void reportFlux() {
        if (flux == null) {
            return;
        }
        for (JsonNode configuration : fluxApplied) {
            String name = configuration.get("name").stringValue();
            try {
                Map<String, Object> report = flux.status(configuration);
                if (!report.equals(fluxReports.get(name))) {
                    mooring.sectionStatus(identity, FLUX_SECTION, name, report);
                    fluxReports.put(name, report);
                }
            } catch (MooringClient.ClusterDeleted deleted) {
                throw deleted;
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "Reading the status of flux configuration " + name + " failed", e);
            }
        }
    }

    /**
     * A stand-alone agent has no cluster to apply configurations to: it acknowledges them, saying so in the
     * compliance message, so that the configuration's life cycle (create, report, delete) can be followed.
     */
    private void reportStandAlone(String name, boolean remove) {
        if (remove) {
            mooring.removed(identity, name);
        } else {
            mooring.status(identity, name, Map.of("complianceState", "Installed", "messageLevel", "Information",
                    "message", "Acknowledged by a stand-alone agent (--kubernetes none): there is no cluster to apply it to",
                    "lastConfigApplied", clock.instant().toString()));
        }
    }

    /** The Authorization header of this agent's calls (for tests that dial on its behalf). */
    String callAuthorization() {
        return mooring.authorization(identity);
    }

    /** The cluster-connect component, dialling with this agent's identity; {@code forwarder} serves its streams. */
    ClusterConnect clusterConnect(KubeApiForwarder forwarder, String instance) {
        return new ClusterConnect(() -> {
            try {
                return mooring.dialTunnel(identity, instance, forwarder,
                        dev.mooring.tunnel.WebSocketTunnelClient.Options.defaults());
            } catch (java.io.IOException e) {
                throw new MooringClient.CallFailed("Cannot open the cluster-connect tunnel to Mooring at "
                        + settings.clusterPath() + "/tunnel: " + Failures.describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MooringClient.CallFailed("Interrupted while opening the cluster-connect tunnel");
            }
        });
    }

    /** Runs until the cluster is deleted or the process stops. */
    void run() {
        Thread configurations = Thread.ofVirtual().name("configurations").start(() -> loop("Configuration sync",
                () -> syncConfigurations(30), Duration.ZERO, false));
        loop("Heartbeat", () -> {
            renewIfDue();
            heartbeat();
            try {
                syncProfile();
            } catch (MooringClient.ClusterDeleted deleted) {
                throw deleted;
            } catch (RuntimeException e) {
                // The heartbeat went through; the profile is tried again next round.
                log.log(Level.WARNING, "Agent profile sync failed", e);
            }
        }, null, true);
        configurations.interrupt();
    }

    /** {@code marksLiveness}: before each pause, promise (in {@link #ALIVE_FILE}) to be back after it. */
    private void loop(String what, Runnable step, Duration fixedPause, boolean marksLiveness) {
        int failures = 0;
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            Duration pause;
            try {
                step.run();
                failures = 0;
                pause = fixedPause != null ? fixedPause : jittered(Duration.ofSeconds(heartbeatSeconds), jitterPercent);
            } catch (MooringClient.ClusterDeleted deleted) {
                log.warning("The connected cluster was deleted; the agent stops");
                stopped = true;
                continue;
            } catch (RuntimeException e) {
                failures++;
                pause = jittered(Duration.ofSeconds(Math.min(300, 1L << Math.min(failures, 8))), 50);
                // Mooring calls and cluster facts fail with messages that name their target; anything else by its cause.
                String why = e instanceof MooringClient.CallFailed || e instanceof IllegalStateException ? e.getMessage()
                        : Failures.describe(e);
                log.warning(what + " failed: " + why + "; retrying in " + pause.toSeconds() + "s");
                log.log(Level.FINE, what + " failure", e);
            }
            if (marksLiveness) {
                markAlive(pause);
            }
            sleep(pause);
        }
    }

    /**
     * Writes the liveness deadline: now + {@code pause} + {@link #ALIVE_GRACE}, in epoch seconds. Liveness is about
     * the agent's own loop, not Mooring: a failing call still marks it (with the backoff as the pause), so an
     * unreachable Mooring never gets the pod restarted. A state directory that cannot be written is only logged.
     */
    void markAlive(Duration pause) {
        long deadline = clock.instant().plus(pause).plus(ALIVE_GRACE).getEpochSecond();
        try {
            Files.createDirectories(settings.stateDirectory());
            Path temporary = settings.stateDirectory().resolve(ALIVE_FILE + ".tmp");
            Files.writeString(temporary, deadline + "\n");
            Files.move(temporary, settings.stateDirectory().resolve(ALIVE_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.log(Level.WARNING, "Cannot write the liveness file in " + settings.stateDirectory(), e);
        }
    }

    static Duration jittered(Duration base, int percent) {
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-percent, percent) / 100.0;
        return Duration.ofMillis((long) (base.toMillis() * factor));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Instant identityExpires() {
        return identity.certificate.getNotAfter().toInstant();
    }
}
