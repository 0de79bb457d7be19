package dev.candor.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.app.auth.Principal;
import dev.candor.app.campaign.CallingHours;
import dev.candor.app.campaign.CampaignSetup;
import dev.candor.app.lead.LeadImport;
import dev.candor.app.storage.CampaignStore;
import dev.candor.app.storage.CampaignStore.CampaignRow;
import dev.candor.app.storage.LeadStore.LeadRow;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** /api/leads and /api/campaigns: thin handlers over the lead and campaign stores; every change audited. */
final class CampaignRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleServer.Dependencies deps;

    CampaignRoutes(ConsoleServer.Dependencies deps) {
        this.deps = deps;
    }

    private static Principal principal(Context ctx) {
        return ctx.attribute(ApiRoutes.PRINCIPAL);
    }

    void leads(Context ctx) {
        int limit = intParam(ctx, "limit", 100, 1, 1000);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(Map.of("total", deps.leads().count(),
                "leads", deps.leads().list(limit, offset).stream().map(CampaignRoutes::leadJson).toList()));
    }

    /**
     * Imports leads: a CSV body ({@code Content-Type: text/csv}) or JSON, one lead object or an array of
     * them with the CSV's column names as fields.
     */
    void importLeads(Context ctx) throws IOException {
        LeadImport.Result result;
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        if (type.startsWith("text/csv")) {
            result = deps.leadImport().fromCsv(ctx.body());
        } else {
            JsonNode body = JSON.readTree(ctx.body());
            List<JsonNode> items = new ArrayList<>();
            if (body != null && body.isArray()) {
                body.forEach(items::add);
            } else if (body != null && body.isObject()) {
                items.add(body);
            } else {
                throw new IllegalArgumentException("invalid body: expected a lead object, an array of them, or text/csv");
            }
            result = deps.leadImport().fromCsv(toCsv(items));
        }
        CampaignSetup.Imported imported = CampaignSetup.save(deps.leads(), result, deps.clock().instant());
        deps.users().audit(principal(ctx).name(), "import_leads", null,
                imported.leadIds().size() + " saved, " + imported.errors().size() + " rejected", deps.clock().instant());
        ctx.status(imported.leadIds().isEmpty() && !imported.errors().isEmpty() ? 400 : 200)
                .json(Map.of("saved", imported.leadIds().size(), "ids", imported.leadIds(), "errors", imported.errors()));
    }

    /** JSON lead objects as CSV, so both go through the one importer and its checks. */
    private static String toCsv(List<JsonNode> items) {
        List<String> columns = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("invalid lead: " + item + " (expected an object with a phone field)");
            }
            item.fieldNames().forEachRemaining(f -> {
                if (!columns.contains(f)) {
                    columns.add(f);
                }
            });
        }
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", columns.stream().map(CampaignRoutes::quote).toList())).append('\n');
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = item.get(c);
                row.add(quote(v == null || v.isNull() ? "" : v.asText()));
            }
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String field) {
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }

    /** Erases a lead: its row, campaign entries, dial attempts and the decisions taken about it without a call. */
    void deleteLead(Context ctx) {
        long id = idParam(ctx);
        if (!deps.leads().delete(id)) {
            throw new ApiError(404, "no lead " + id);
        }
        deps.users().audit(principal(ctx).name(), "erase_lead", String.valueOf(id), null, deps.clock().instant());
        ctx.json(Map.of("id", id, "erased", true));
    }

    void campaigns(Context ctx) {
        ctx.json(deps.campaigns().list().stream()
                .map(c -> withDialling(campaignJson(c, Optional.of(deps.campaigns().progress(c.id()))), c)).toList());
    }

    /** A running campaign this node cannot dial says why ({@code notDialling}), so nobody waits for calls. */
    private Map<String, Object> withDialling(Map<String, Object> json, CampaignRow c) {
        if (c.status().equals("running")) {
            deps.notDialling().ifPresent(why -> json.put("notDialling", why));
        }
        return json;
    }

    void campaign(Context ctx) {
        long id = idParam(ctx);
        CampaignRow row = deps.campaigns().find(id).orElseThrow(() -> new ApiError(404, "no campaign " + id));
        ctx.json(withDialling(campaignJson(row, Optional.of(deps.campaigns().progress(id))), row));
    }

    /**
     * Creates a campaign in draft: {@code name}, {@code callingHours} ("09:00-17:00"), {@code days}
     * ("mon-fri"), {@code maxConcurrentCalls}, {@code maxCallsPerMinute}, {@code maxAttempts},
     * {@code retryDelaySeconds}, and {@code leadsCsv} (a CSV lead list imported into it) or every lead.
     */
    void createCampaign(Context ctx) throws IOException {
        JsonNode body = JSON.readTree(ctx.body());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("invalid body: expected a JSON object with at least name");
        }
        CallingHours hours = CallingHours.parse(text(body, "callingHours", "09:00-17:00"), text(body, "days", "mon-fri"));
        CampaignStore.Settings settings = new CampaignStore.Settings(text(body, "name", ""), hours.start(), hours.end(),
                hours.days(), integer(body, "maxConcurrentCalls", 1), integer(body, "maxCallsPerMinute", 10),
                integer(body, "maxAttempts", 3), Duration.ofSeconds(integer(body, "retryDelaySeconds", 3600)));
        if (deps.campaigns().list().stream().anyMatch(c -> c.settings().name().equals(settings.name()))) {
            throw new ApiError(409, "a campaign named " + settings.name() + " exists");
        }
        Optional<String> csv = Optional.ofNullable(body.get("leadsCsv")).map(JsonNode::asText);
        CampaignSetup.Created created = CampaignSetup.create(deps.campaigns(), deps.leads(), deps.leadImport(), settings,
                csv, deps.clock().instant());
        deps.users().audit(principal(ctx).name(), "create_campaign", String.valueOf(created.id()), settings.name(),
                deps.clock().instant());
        Map<String, Object> m = campaignJson(deps.campaigns().find(created.id()).orElseThrow(),
                Optional.of(deps.campaigns().progress(created.id())));
        m.put("leadsAdded", created.leads());
        m.put("errors", created.errors());
        ctx.status(201).json(m);
    }

    void start(Context ctx) {
        changeStatus(ctx, true);
    }

    void pause(Context ctx) {
        changeStatus(ctx, false);
    }

    private void changeStatus(Context ctx, boolean start) {
        long id = idParam(ctx);
        CampaignRow row = deps.campaigns().find(id).orElseThrow(() -> new ApiError(404, "no campaign " + id));
        boolean changed = start ? deps.campaigns().start(id, deps.clock().instant())
                : deps.campaigns().pause(id, deps.clock().instant());
        if (!changed) {
            throw new ApiError(409, "campaign " + id + " is " + row.status() + " (expected "
                    + (start ? "draft or paused" : "running") + ")");
        }
        deps.users().audit(principal(ctx).name(), start ? "start_campaign" : "pause_campaign", String.valueOf(id), null,
                deps.clock().instant());
        CampaignRow now = deps.campaigns().find(id).orElseThrow();
        ctx.json(withDialling(campaignJson(now, Optional.of(deps.campaigns().progress(id))), now));
    }

    static Map<String, Object> leadJson(LeadRow l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("phone", l.data().phone());
        m.put("name", l.data().name());
        m.put("company", l.data().company());
        m.put("timeZone", l.data().timeZone());
        m.put("vip", l.data().vip());
        m.put("interest", l.data().interest());
        m.put("notes", l.data().notes());
        m.put("attributes", l.data().attributes());
        m.put("createdAt", l.createdAt().toString());
        m.put("updatedAt", l.updatedAt().toString());
        return m;
    }

    static Map<String, Object> campaignJson(CampaignRow c, Optional<CampaignStore.Progress> progress) {
        CampaignStore.Settings s = c.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", s.name());
        m.put("status", c.status());
        m.put("callingHours", s.hoursStart() + "-" + s.hoursEnd());
        m.put("days", new CallingHours(s.hoursStart(), s.hoursEnd(), s.days()).describeDays());
        m.put("maxConcurrentCalls", s.maxConcurrent());
        m.put("maxCallsPerMinute", s.maxPerMinute());
        m.put("maxAttempts", s.maxAttempts());
        m.put("retryDelaySeconds", s.retryDelay().toSeconds());
        m.put("createdAt", c.createdAt().toString());
        progress.ifPresent(p -> m.put("progress", Map.of("leads", p.leadsByStatus(), "attempts", p.attemptsByOutcome())));
        return m;
    }

    private static long idParam(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid id: " + raw + " (expected a number)");
        }
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw new IllegalArgumentException("invalid " + name + ": " + raw + " (expected " + min + "-" + max + ")");
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("invalid " + field + ": " + n + " (expected a string)");
        }
        return n.asText();
    }

    private static int integer(JsonNode body, String field, int fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("invalid " + field + ": " + n + " (expected a whole number)");
        }
        return n.asInt();
    }
}
