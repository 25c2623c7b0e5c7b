package dev.mooring.clusters;

/** The connected cluster provisioning states the spec defines (terminal: Succeeded, Failed, Canceled). */
final class ProvisioningState {

    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";
    static final String CANCELED = "Canceled";
    static final String PROVISIONING = "Provisioning";
    static final String UPDATING = "Updating";
    static final String DELETING = "Deleting";
    static final String ACCEPTED = "Accepted";

    private ProvisioningState() {
    }
}
