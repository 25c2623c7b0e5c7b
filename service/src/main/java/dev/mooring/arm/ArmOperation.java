package dev.mooring.arm;

import dev.mooring.arm.pipeline.ArmPipeline;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what an ARM endpoint is, for the request pipeline: which resource type's api-versions it
 * serves, which actions it performs, and how it is authorised. Every ARM handler carries it; the
 * pipeline's interceptors ({@link ArmPipeline}) read it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ArmOperation {

    /** Key into the api-version registry, e.g. {@code Microsoft.Resources/resourceGroups}. */
    String resourceType();

    /** The actions this endpoint performs; exactly one when {@link #authorization()} is {@code ACTION}. */
    ArmAction[] actions() default {};

    Authorization authorization() default Authorization.ACTION;

    /** Throttling category; derived from the HTTP method when left at {@code AUTO}. */
    RequestKind kind() default RequestKind.AUTO;

    enum Authorization {
        /** The caller needs the one action at the request's scope (its path), through role assignments. */
        ACTION,
        /** The handler checks access itself (it filters results, or its action depends on the path). */
        IN_HANDLER,
        /** Platform administrators only (the {@code Platform.Admin} role), in any tenant. */
        PLATFORM_ADMIN,
        /** Any authenticated caller (tenant-wide catalogues). */
        AUTHENTICATED
    }

    enum RequestKind {
        AUTO, READ, WRITE, DELETE
    }
}
