package dev.mooring.arm.errors;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link ArmErrorReportValve} in place of Tomcat's HTML error report on the application's host. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReport {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> armErrorReport() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                replaceErrorReport(context.getParent());
            }
        }));
    }

    private static void replaceErrorReport(Container host) {
        if (host == null) {
            return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ArmErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (java.util.Arrays.stream(host.getPipeline().getValves()).noneMatch(ArmErrorReportValve.class::isInstance)) {
            host.getPipeline().addValve(new ArmErrorReportValve());
        }
    }
}
