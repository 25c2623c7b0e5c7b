package dev.mooring.tenancy;

import java.util.Locale;

/** An Azure region: its ARM name ({@code eastus}), display name ({@code East US}) and geography. */
public record Region(String name, String displayName, String geographyGroup) {

    /** ARM compares locations ignoring case and white space: "East US", "eastus" and "EASTUS" are one. */
    static String normalize(String location) {
        return location == null ? "" : location.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
