package dev.mooring.inventory;

import dev.mooring.arm.errors.ArmException;
import dev.mooring.arm.CallerIdentity;
import dev.mooring.arm.paging.Paging;
import dev.mooring.arm.ArmContext;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mooring's operator inventory ({@code /inventory/v1}), outside ARM's namespaces: no api-version, no ARM
 * pipeline (its handlers carry no {@code @ArmOperation}), the same bearer tokens and ARM-shaped errors. What a
 * caller sees is decided per row in SQL ({@link Visibility}). Reference: api-spec/mooring-inventory.openapi.json.
 */
@RestController
@RequestMapping(InventoryController.PREFIX)
class InventoryController {

    static final String PREFIX = "/inventory/v1";
    private static final String FORMAT = "format";

    private final ClusterInventory inventory;

    InventoryController(ClusterInventory inventory) {
        this.inventory = inventory;
    }

    /** The JSON answer of {@code /clusters}, named for the API document (the handler answers CSV too). */
    record ClusterPage(List<ClusterInventory.Item> value, String nextLink) {
    }

    @GetMapping("/clusters")
    @ApiResponse(responseCode = "200", description = "One page of clusters, as JSON or (format=csv) CSV", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ClusterPage.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "An unknown parameter, filter value, order or skip token")
    @ApiResponse(responseCode = "401", description = "No valid token")
    ResponseEntity<?> clusters(@RequestParam MultiValueMap<String, String> query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, ArmContext context) {
        Filters.requireKnown(query, ClusterInventory.LIST_PARAMETERS);
        boolean csv = wantsCsv(query, accept);
        Sorts.Order order = Sorts.parse(Filters.single(query, Sorts.PARAMETER));
        Paging.Request page = context.page();
        List<ClusterInventory.Row> rows = inventory.page(context.caller(), query, order, page);
        Paging.Page<ClusterInventory.Item> result = Paging.page(rows, page, ClusterInventory.Row::key,
                ClusterInventory.Row::item, context.requestUrl());
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
        if (result.nextLink() != null) {
            headers.add(HttpHeaders.LINK, "<" + result.nextLink() + ">; rel=\"next\"");
        }
        return ResponseEntity.ok().headers(headers).body(Csv.write(result.value()));
    }

    @GetMapping("/summary")
    @ApiResponse(responseCode = "200", description = "Counts over the clusters the caller may see")
    @ApiResponse(responseCode = "400", description = "An unknown parameter or filter value")
    ClusterInventory.Summary summary(@RequestParam MultiValueMap<String, String> query,
            @AuthenticationPrincipal CallerIdentity caller) {
        Filters.requireKnown(query, ClusterInventory.SUMMARY_PARAMETERS);
        return inventory.summary(caller, query);
    }

    @GetMapping("/clusters/{subscriptionId}/{resourceGroup}/{clusterName}/timeline")
    @ApiResponse(responseCode = "200", description = "One page of the cluster's events, newest first")
    @ApiResponse(responseCode = "400", description = "An unknown parameter or a malformed time")
    @ApiResponse(responseCode = "404", description = "No such cluster, or one the caller may not see")
    Paging.Page<ClusterInventory.Event> timeline(@PathVariable String subscriptionId, @PathVariable String resourceGroup,
            @PathVariable String clusterName, @RequestParam MultiValueMap<String, String> query, ArmContext context) {
        for (String name : query.keySet()) {
            if (!ClusterInventory.TIMELINE_PARAMETERS.contains(name)) {
                throw Filters.invalid(name, name, "one of since, until, $top, $skipToken");
            }
        }
        Paging.Request page = context.page();
        return Paging.page(inventory.timeline(context.caller(), subscriptionId, resourceGroup, clusterName, query, page),
                page, ClusterInventory.EventRow::key, ClusterInventory.EventRow::event, context.requestUrl());
    }

    /** CSV when {@code format=csv}, or when the Accept header asks for text/csv and not JSON. */
    private static boolean wantsCsv(MultiValueMap<String, String> query, String accept) {
        String format = Filters.single(query, FORMAT);
        if (format != null) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ArmException.badRequest("InvalidParameter", "The value of 'format' must be json or"
                        + " csv.", FORMAT);
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(Csv.MEDIA_TYPE)
                && !accept.toLowerCase(Locale.ROOT).contains("json");
    }
}
