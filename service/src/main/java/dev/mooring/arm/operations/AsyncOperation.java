package dev.mooring.arm.operations;

import dev.mooring.arm.errors.ArmError;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A durable ARM asynchronous operation (the record behind Azure-AsyncOperation and Location). */
@Entity
@Table(name = "async_operations")
public class AsyncOperation {

    public static final String IN_PROGRESS = "InProgress";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    @Id
    private UUID id;
    @Column(nullable = false)
    private String kind;
    @Column(name = "resource_id", nullable = false)
    private String resourceId;
    @Column(name = "subscription_id", nullable = false)
    private UUID subscriptionId;
    @Column(nullable = false)
    private String namespace;
    @Column(nullable = false)
    private String location;
    @Column(name = "api_version", nullable = false)
    private String apiVersion;
    @Column(nullable = false)
    private String status;
    @Column(name = "percent_complete")
    private Integer percentComplete;
    @Column(name = "result_status")
    private Integer resultStatus;
    @Column(name = "error_status")
    private Integer errorStatus;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;
    @Column(name = "caller_object_id", nullable = false)
    private String callerObjectId;
    @Column(name = "not_before", nullable = false)
    private Instant notBefore;
    @Column(name = "start_time", nullable = false)
    private Instant startTime;
    @Column(name = "end_time")
    private Instant endTime;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "last_error")
    private String lastError;

    protected AsyncOperation() {
    }

    AsyncOperation(UUID id, AsyncOperations.Start start, Instant now, Instant notBefore, Instant expiresAt) {
        this.id = id;
        this.kind = start.kind();
        this.resourceId = start.resourceId();
        this.subscriptionId = start.subscriptionId();
        this.namespace = start.namespace();
        this.location = start.location();
        this.apiVersion = start.apiVersion();
        this.status = IN_PROGRESS;
        this.percentComplete = 0;
        this.tenantId = start.tenantId();
        this.callerObjectId = start.callerObjectId();
        this.notBefore = notBefore;
        this.startTime = now;
        this.expiresAt = expiresAt;
    }

    void succeed(int httpStatus, Instant now) {
        status = SUCCEEDED;
        percentComplete = 100;
        resultStatus = httpStatus;
        endTime = now;
    }

    void fail(int httpStatus, ArmError error, Instant now) {
        status = FAILED;
        errorStatus = httpStatus;
        errorCode = error.code();
        errorMessage = error.message();
        endTime = now;
    }

    /** The last of {@code attempts} failed unexpectedly: the operation fails with a generic error, the cause kept for operators. */
    void failAfterAttempts(String cause, Instant now) {
        attempts++;
        lastError = cause;
        fail(500, new ArmError("InternalServerError", "The operation failed after " + attempts
                + " attempts because of an internal error. Operation id: '" + id + "'."), now);
    }

    /** Failed attempts so far. */
    int attempts() {
        return attempts;
    }

    String lastError() {
        return lastError;
    }

    public boolean isTerminal() {
        return !IN_PROGRESS.equals(status);
    }

    public UUID id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String resourceId() {
        return resourceId;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    String namespace() {
        return namespace;
    }

    String location() {
        return location;
    }

    String apiVersion() {
        return apiVersion;
    }

    public String status() {
        return status;
    }

    public Integer percentComplete() {
        return percentComplete;
    }

    Integer resultStatus() {
        return resultStatus;
    }

    Integer errorStatus() {
        return errorStatus;
    }

    public ArmError error() {
        return errorCode == null ? null : new ArmError(errorCode, errorMessage);
    }

    UUID tenantId() {
        return tenantId;
    }

    String callerObjectId() {
        return callerObjectId;
    }

    public Instant startTime() {
        return startTime;
    }

    public Instant endTime() {
        return endTime;
    }
}
