package dev.mooring.connect;

import dev.mooring.arm.ArmAction;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrorWriter;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.clusters.ClusterReference;
import dev.mooring.clusters.ConnectCredentialIssuer.Mode;
import dev.mooring.tunnel.HopByHop;
import dev.mooring.tunnel.ProxyRequest;
import dev.mooring.tunnel.ProxyResponse;
import dev.mooring.tunnel.Resets;
import dev.mooring.tunnel.StreamResetException;
import dev.mooring.tunnel.TunnelStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The user side of cluster connect, at {@code /connect/{cluster hash}/...}: checks the caller's connect
 * credential and their right to it, then relays the request over the cluster's tunnel and streams the answer
 * back as it comes (watches), switching to raw byte piping after 101 (exec, port-forward). The path may
 * carry a capability token ({@code /cap/{token}}); it is never logged or echoed.
 */
class ConnectServlet extends HttpServlet {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConnectServlet.class);

    private static final Pattern PATH = Pattern.compile("^/connect/([0-9a-f]{64})(?:/" + ConnectCredentials.CAPABILITY_SEGMENT
            + "/([A-Za-z0-9_.-]+))?(/.*)?$");
    /** How long the API server may take to answer once the agent reached it; dial failures come sooner. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);
    private static final String IMPERSONATE = "Impersonate-";
    private static final Set<String> NO_BODY = Set.of("GET", "HEAD", "OPTIONS", "DELETE");

    private final ConnectTokens tokens;
    private final ConnectedClusters clusters;
    private final ArmAuthorizer authorizer;
    private final TunnelRouter router;
    private final ArmErrorWriter errors;
    private final ConnectProperties properties;

    ConnectServlet(ConnectTokens tokens, ConnectedClusters clusters, ArmAuthorizer authorizer, TunnelRouter router,
            ArmErrorWriter errors, ConnectProperties properties) {
        this.tokens = tokens;
        this.clusters = clusters;
        this.authorizer = authorizer;
        this.router = router;
        this.errors = errors;
        this.properties = properties;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            refuse(response, HttpStatus.NOT_FOUND, new ArmError("NotFound",
                    "Cluster connect paths are /connect/{cluster hash}/..., as listClusterUserCredential returns them."));
            return;
        }
        String hash = path.group(1);
        String capability = path.group(2);
        String target = (path.group(3) == null ? "/" : path.group(3))
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());

        ConnectTokens.Grant grant;
        try {
            grant = tokens.verify(capability != null ? capability : bearer(request), hash);
            if ((capability != null) != (grant.mode() == Mode.Token)) {
                throw new ConnectTokens.Refused("InvalidAuthenticationToken",
                        "The cluster connect credential is for the other authentication method.");
            }
        } catch (ConnectTokens.Refused refused) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"mooring-connect\"");
            refuse(response, HttpStatus.UNAUTHORIZED, new ArmError(refused.code, refused.getMessage()));
            return;
        }
        ClusterReference cluster = clusters.find(grant.cluster())
                .filter(found -> found.connectHash().equals(hash)).orElse(null);
        if (cluster == null) {
            refuse(response, HttpStatus.NOT_FOUND, new ArmError("ResourceNotFound",
                    "The connected cluster of this credential no longer exists."));
            return;
        }
        CallerIdentity caller = new CallerIdentity(grant.tenantId(), grant.objectId(), null, grant.kubernetesUser(), false,
                Set.of(), Set.copyOf(grant.groups()));
        String action = ArmAction.CONNECTED_CLUSTERS_LIST_USER_CREDENTIAL.action();
        if (!authorizer.allows(caller, action, cluster.resourceId())) {
            refuse(response, HttpStatus.FORBIDDEN, new ArmError("AuthorizationFailed", "The client '"
                    + grant.objectId() + "' no longer has authorization to perform action '" + action
                    + "' over scope '" + cluster.resourceId() + "'."));
            return;
        }
        relay(request, response, cluster, grant, target);
    }

    private void relay(HttpServletRequest request, HttpServletResponse response, ClusterReference cluster,
            ConnectTokens.Grant grant, String target) throws IOException, ServletException {
        boolean upgrade = isUpgrade(request);
        ProxyRequest proxied = new ProxyRequest(cluster.id().toString(), request.getMethod(), target,
                headers(request, grant.mode(), upgrade), upgrade ? 0 : bodyLength(request), upgrade,
                grant.mode() == Mode.AAD
                        ? new ProxyRequest.Caller(ProxyRequest.Caller.AAD, grant.kubernetesUser(), grant.groups())
                        : new ProxyRequest.Caller(ProxyRequest.Caller.TOKEN, null, List.of()));
        TunnelStream stream;
        try {
            stream = router.open(cluster.id(), proxied);
        } catch (TunnelRouter.NoTunnel e) {
            refuse(response, HttpStatus.BAD_GATEWAY, new ArmError("ClusterNotConnected",
                    "The cluster's agent holds no tunnel to Mooring; check that the agent runs and reaches Mooring."));
            return;
        } catch (TunnelRouter.TooManyStreams e) {
            response.setHeader("Retry-After", "5");
            refuse(response, HttpStatus.TOO_MANY_REQUESTS, new ArmError("TooManyStreams", "The cluster already "
                    + "carries " + properties.maxStreamsPerCluster() + " concurrent connect requests."));
            return;
        }
        boolean finished = false;
        try {
            if (!upgrade && proxied.contentLength() == 0) {
                stream.output().close(); // nothing to read: no body buffer for a GET
            } else if (!upgrade) {
                // Kubernetes answers after the whole request body (only upgraded connections are full duplex), so
                // the body goes first, on this thread: Tomcat reads request bodies on the request's own thread.
                upload(request, stream);
            }
            ProxyResponse head = ProxyResponse.decode(stream.awaitHead(properties.dialTimeout().plus(ANSWER_TIMEOUT)));
            response.setStatus(head.status());
            for (ProxyRequest.Header header : head.headers()) {
                if (!HopByHop.is(header.name()) || (head.status() == 101 && isUpgradeHeader(header.name()))) {
                    response.addHeader(header.name(), header.value());
                }
            }
            if (head.status() == 101) {
                request.upgrade(UpgradedConnection.class).attach(stream);
                finished = true;
                return;
            }
            if (upgrade) {
                stream.output().close();
            }
            if (head.contentLength() >= 0) {
                response.setContentLengthLong(head.contentLength());
            }
            download(stream, response);
            finished = true;
        } catch (StreamResetException reset) {
            if (!response.isCommitted()) {
                failed(response, reset.reason());
            } else {
                throw reset; // the client sees the connection drop mid-body
            }
        } finally {
            if (!finished) {
                stream.reset(Resets.CANCELLED);
            }
        }
    }

    private void failed(HttpServletResponse response, String reason) throws IOException {
        response.reset();
        switch (reason) {
            case Resets.DIAL_TIMEOUT -> refuse(response, HttpStatus.GATEWAY_TIMEOUT, new ArmError("GatewayTimeout",
                    "The cluster's agent did not reach its API server in time."));
            case Resets.DIAL_FAILED -> refuse(response, HttpStatus.BAD_GATEWAY, new ArmError("ApiServerUnreachable",
                    "The cluster's agent could not reach its API server."));
            case Resets.TOO_MANY_STREAMS -> {
                response.setHeader("Retry-After", "5");
                refuse(response, HttpStatus.TOO_MANY_REQUESTS, new ArmError("TooManyStreams",
                        "The cluster already carries as many concurrent connect requests as it may."));
            }
            default -> {
                log.warn("Connect stream failed before the API server answered: {}", reason);
                refuse(response, HttpStatus.BAD_GATEWAY, new ArmError("TunnelClosed",
                        "The tunnel to the cluster closed before the API server answered."));
            }
        }
    }

    private static void upload(HttpServletRequest request, TunnelStream stream) throws IOException {
        try (InputStream body = request.getInputStream(); OutputStream out = stream.output()) {
            stream.transferFrom(body, Long.MAX_VALUE);
        }
    }

    private static void download(TunnelStream stream, HttpServletResponse response) throws IOException {
        try {
            stream.input().transferTo(response.getOutputStream()); // flushes whenever the tunnel has nothing more
        } catch (StreamResetException reset) {
            throw reset;
        } catch (IOException clientGone) {
            stream.reset(Resets.CANCELLED);
        }
    }

    static List<ProxyRequest.Header> headers(HttpServletRequest request, Mode mode, boolean upgrade) {
        List<ProxyRequest.Header> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            boolean keep = !HopByHop.is(name) || (upgrade && name.equalsIgnoreCase("upgrade"));
            // Mooring's own token stays with Mooring; in Token mode the header is the caller's own credential.
            if (mode == Mode.AAD && name.equalsIgnoreCase("authorization")) {
                keep = false;
            }
            // Only the agent decides whom to impersonate (the caller Mooring authenticated): never the caller.
            if (name.regionMatches(true, 0, IMPERSONATE, 0, IMPERSONATE.length())) {
                keep = false;
            }
            if (keep) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    headers.add(new ProxyRequest.Header(name, value));
                }
            }
        }
        return headers;
    }

    /** The relay's own answers (not the cluster's): an ARM error that browsers must not sniff. */
    private void refuse(HttpServletResponse response, HttpStatus status, ArmError error) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        errors.write(response, status, error);
    }

    private static long bodyLength(HttpServletRequest request) {
        if (request.getHeader("Transfer-Encoding") != null) {
            return -1;
        }
        long length = request.getContentLengthLong();
        if (length < 0) {
            return NO_BODY.contains(request.getMethod()) ? 0 : -1;
        }
        return length;
    }

    private static boolean isUpgrade(HttpServletRequest request) {
        String connection = request.getHeader("Connection");
        return request.getHeader("Upgrade") != null && connection != null
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private static boolean isUpgradeHeader(String name) {
        return name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("connection");
    }

    private static String bearer(HttpServletRequest request) throws ConnectTokens.Refused {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ConnectTokens.Refused("AuthenticationFailed",
                    "Cluster connect needs the credential from listClusterUserCredential.");
        }
        return header.substring(7).strip();
    }
}
