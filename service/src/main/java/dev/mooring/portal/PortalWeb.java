package dev.mooring.portal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Serves the portal's static assets from the jar ({@code classpath:/portal/}) and its libraries from their WebJars
 * at {@code /portal/lib/{library}/{file}}, the version resolved by the WebJars locator so that the pages never name
 * one. Revalidated on every load ({@code no-cache}) so that an upgrade shows at once.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mooring.portal.enabled", matchIfMissing = true)
class PortalWeb implements WebMvcConfigurer {

    static final String PATH = "/portal";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "/lib/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler(PATH + "/**")
                .addResourceLocations("classpath:/portal/")
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PATH, PATH + "/");
        registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
    }
}
