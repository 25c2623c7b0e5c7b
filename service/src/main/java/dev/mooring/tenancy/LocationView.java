package dev.mooring.tenancy;

import java.util.List;

/** A location as {@code GET /subscriptions/{id}/locations} returns it. */
record LocationView(String id, String name, String type, String displayName, String regionalDisplayName,
        Metadata metadata) {

    record Metadata(String regionType, String regionCategory, String geographyGroup) {
    }

    record Page(List<LocationView> value) {
    }

    static LocationView of(String subscriptionId, Region region) {
        return new LocationView("/subscriptions/" + subscriptionId + "/locations/" + region.name(), region.name(),
                "Region", region.displayName(), "(" + region.geographyGroup() + ") " + region.displayName(),
                new Metadata("Physical", "Recommended", region.geographyGroup()));
    }
}
