package dev.mooring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Mooring control-plane service. Code is packaged by feature ({@code arm}, {@code access},
 * {@code tenancy}, {@code local}, ...); see docs/architecture.md for how a request flows through them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MooringApplication {

    public static void main(String[] args) {
        SpringApplication.run(MooringApplication.class, args);
    }
}
