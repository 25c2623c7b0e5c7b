package dev.mooring.connect;

import dev.mooring.access.SecurityChains;
import dev.mooring.arm.ArmAuthorizer;
import dev.mooring.arm.errors.ArmErrorWriter;
import dev.mooring.clusters.ClusterDirectory;
import org.apache.tomcat.websocket.server.WsContextListener;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wiring for cluster connect: the relay servlet at {@code /connect/*} (outside Spring MVC: it streams and
 * upgrades raw connections), Tomcat's WebSocket container for the tunnels, and a security chain that leaves
 * authentication to the relay (connect credentials, agent certificates and peer tokens are not ARM tokens).
 */
@Configuration(proxyBeanMethods = false)
class ConnectWeb {

    @Bean
    ServletRegistrationBean<ConnectServlet> connectServlet(ConnectTokens tokens, ClusterDirectory clusters,
            ArmAuthorizer authorizer, TunnelRouter router, ArmErrorWriter errors, ConnectProperties properties,
            @org.springframework.beans.factory.annotation.Value("${mooring.connect.identity-check:5s}")
            java.time.Duration identityCheck) {
        ServletRegistrationBean<ConnectServlet> registration = new ServletRegistrationBean<>(
                new ConnectServlet(tokens, new ConnectedClusters(clusters, identityCheck), authorizer,
                        router, errors, properties), "/connect/*");
        registration.setName("clusterConnect");
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> webSocketContainer() {
        return factory -> factory.addContextCustomizers(context ->
                context.addApplicationListener(WsContextListener.class.getName()));
    }

    @Bean
    @Order(SecurityChains.CONNECT)
    SecurityFilterChain connectFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/connect/**", PeerLinks.PATH)
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
