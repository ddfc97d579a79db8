package io.upshift.console.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The new-campaign form as the body of {@code POST /api/v1/campaigns}. Field names are the JSON paths
 * ({@code schedule.deadline}); an empty field is left out, so the API's defaults apply. Values are sent
 * as typed where they read as such and as typed-in text otherwise, so the API's problem details — not
 * the console — say what is wrong with them.
 */
final class CampaignForm {

    static final List<String> INTEGERS = List.of("strategy.canary.count", "pacing.maxInFlight",
            "pacing.maxInFlightPerInstance", "pacing.maxCommandsPerMinute", "pacing.maxCommandsPerMinutePerInstance",
            "gate.minimumFinished");
    static final List<String> DECIMALS = List.of("strategy.canary.percent", "gate.failureThresholdPercent");
    static final List<String> LISTS = List.of("selection.instances", "selection.timeZones", "selection.orgIds",
            "selection.excludedOrgIds", "strategy.ramp.percentages");
    static final List<String> INSTANTS = List.of("schedule.earliestStart", "schedule.deadline");
    static final List<String> CHECKBOXES = List.of("strategy.sandboxesFirst", "strategy.approvalRequired",
            "schedule.respectMaintenanceWindows");
    static final List<String> MULTI = List.of("selection.orgTypes", "schedule.campaignWindow.days");

    private CampaignForm() {
    }

    static Map<String, Object> toRequest(MultiValueMap<String, String> form) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            String name = field.getKey();
            if (name.startsWith("_") || name.equals("version")) {
                continue;
            }
            if (MULTI.contains(name)) {
                List<String> values = field.getValue().stream().filter(v -> !v.isBlank()).toList();
                if (!values.isEmpty()) {
                    put(root, name, values);
                }
                continue;
            }
            String value = field.getValue().isEmpty() ? "" : field.getValue().getLast().strip();
            if (CHECKBOXES.contains(name)) {
                continue;
            }
            if (value.isEmpty()) {
                continue;
            }
            put(root, name, typed(name, value));
        }
        for (String checkbox : CHECKBOXES) {
            put(root, checkbox, form.containsKey(checkbox) && form.get(checkbox).contains("true"));
        }
        if (root.get("strategy") instanceof Map<?, ?> strategy && strategy.get("ramp") instanceof Map<?, ?> ramp
                && ramp.get("type") == null) {
            ((Map<?, ?>) strategy).remove("ramp");
        }
        return root;
    }

    static Object typed(String name, String value) {
        if (LISTS.contains(name)) {
            List<String> items = Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            if (name.endsWith("percentages")) {
                return items.stream().map(CampaignForm::decimal).toList();
            }
            return items;
        }
        if (INTEGERS.contains(name)) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (DECIMALS.contains(name)) {
            return decimal(value);
        }
        if (INSTANTS.contains(name)) {
            // datetime-local gives 2026-12-06T10:00 (the form says UTC)
            return value.length() == 16 ? value + ":00Z" : value.length() == 19 ? value + "Z" : value;
        }
        return value;
    }

    private static Object decimal(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }
}
